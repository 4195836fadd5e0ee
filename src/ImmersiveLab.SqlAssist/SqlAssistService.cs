using ImmersiveLab.Sandbox.Learners;
using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Completion;
using ImmersiveLab.SqlAssist.Hover;
using ImmersiveLab.SqlAssist.Parsing;
using ImmersiveLab.SqlAssist.Signatures;
using Microsoft.Extensions.Options;

namespace ImmersiveLab.SqlAssist;

/// <summary>
/// The SQL editor's help for one learner's cell: completion, hover and signature help from their own catalog (read
/// through their session, cached, refreshed after their DDL) and the built-in pgvector/PostgreSQL knowledge.
/// Offsets are 0-based UTF-16 positions in the cell's text, as JavaScript strings count them.
/// </summary>
public sealed class SqlAssistService(
    CatalogCache catalogs,
    SqlCompletionProvider completion,
    SqlHoverProvider hover,
    SqlSignatureHelpProvider signatures,
    IOptions<SqlAssistOptions> options)
{
    /// <summary>Longer cells get no help (the runner refuses them anyway).</summary>
    public const int MaxTextLength = 100_000;

    public bool Enabled => options.Value.Enabled;

    public async Task<CompletionList> CompleteAsync(LearnerRef learner, string text, int offset, string language, CancellationToken ct)
    {
        if (!Usable(text)) return CompletionList.Empty(Math.Max(0, offset));
        var context = CursorContextAnalyzer.Analyze(text, offset);
        if (context.Kind == AssistContextKind.None) return CompletionList.Empty(context.ReplaceStart);
        var lookup = context.Kind is AssistContextKind.Keywords or AssistContextKind.StatementStart
            ? new CatalogLookup(SqlCatalog.Empty, CatalogFreshness.Fresh)
            : await catalogs.GetAsync(learner.Id, ct);
        return completion.Complete(context, lookup.Catalog, lookup.Freshness, language, options.Value.MaxItems);
    }

    public async Task<HoverInfo?> HoverAsync(LearnerRef learner, string text, int offset, string language, CancellationToken ct)
    {
        if (!Usable(text)) return null;
        var lookup = await catalogs.GetAsync(learner.Id, ct);
        return hover.Hover(text, offset, lookup.Catalog, language);
    }

    public async Task<SignatureHelp?> SignatureHelpAsync(LearnerRef learner, string text, int offset, string language, CancellationToken ct)
    {
        if (!Usable(text) || SqlSignatureHelpProvider.CallAt(text, offset) is null) return null;
        var lookup = await catalogs.GetAsync(learner.Id, ct);
        return signatures.Help(text, offset, lookup.Catalog, language);
    }

    private bool Usable(string? text) => Enabled && text is not null && text.Length <= MaxTextLength;
}
