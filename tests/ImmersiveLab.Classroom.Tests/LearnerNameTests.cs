namespace ImmersiveLab.Classroom.Tests;

public sealed class LearnerNameTests
{
    [Theory]
    [InlineData("  Ada   Lovelace ", "Ada Lovelace")]
    [InlineData("Ada\tLovelace\n", "Ada Lovelace")]
    [InlineData("Ada\u00A0\u3000Lovelace", "Ada Lovelace")] // no-break and ideographic spaces
    [InlineData("Alice\u200B Web", "Alice Web")] // zero-width space: the review's look-alike
    [InlineData("\u200BAlice", "Alice")]
    [InlineData("Al\u200Dice", "Alice")] // zero-width joiner
    [InlineData("\u202EAlice\u202C", "Alice")] // right-to-left override and pop
    [InlineData("Ali\u2066ce\u2069", "Alice")] // bidi isolates
    [InlineData("\uFEFFAlice", "Alice")] // byte order mark
    [InlineData("Ali\u3164ce", "Alice")] // Hangul filler, a "letter" that shows nothing
    [InlineData("Jose\u0301", "Jos\u00E9")] // decomposed é becomes the one character
    [InlineData("Jos\u00E9", "Jos\u00E9")]
    [InlineData("e\u200B\u0301", "\u00E9")] // the accent meets its letter once the invisible character is gone
    [InlineData("李雷", "李雷")]
    [InlineData("<b>x</b>", "<b>x</b>")] // shown as text by the pages, not refused
    public void Names_are_composed_stripped_of_invisible_characters_and_collapsed(string typed, string stored) =>
        Assert.Equal(stored, LearnerName.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200B")] // nothing visible left
    [InlineData("bell\u0007")]
    [InlineData("a\u0000b")]
    [InlineData("lone \uD800 surrogate")]
    [InlineData("private \uE000 use")]
    public void Names_without_visible_characters_or_with_control_characters_are_refused(string? typed) => Assert.Null(LearnerName.Normalize(typed));

    [Fact]
    public void A_name_has_at_most_64_characters_after_normalising()
    {
        Assert.Equal(64, LearnerName.Normalize(new string('x', 64))!.Length);
        Assert.Null(LearnerName.Normalize(new string('x', 65)));
        Assert.Equal(64, LearnerName.Normalize(new string('x', 64) + "\u200B\u200B")!.Length);
    }

    [Fact]
    public void Normalising_twice_changes_nothing()
    {
        foreach (var typed in new[] { " Ada  Lovelace ", "Jose\u0301", "Alice\u200B Web", "李 雷" })
            Assert.Equal(LearnerName.Normalize(typed), LearnerName.Normalize(LearnerName.Normalize(typed)));
    }
}
