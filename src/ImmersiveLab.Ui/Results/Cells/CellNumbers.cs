using System.Globalization;
using System.Numerics;

namespace ImmersiveLab.Ui.Results.Cells;

/// <summary>Which cell values are numbers, and their value for sorting, bars and ranges. Their text is <see cref="ImmersiveLab.Sandbox.Execution.PostgresText"/>'s.</summary>
public static class CellNumbers
{
    public static bool IsNumeric(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong
        or float or double or decimal or BigInteger or Half;

    public static double? ToDouble(object? value) => value switch
    {
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        Half h => (double)h,
        BigInteger b => (double)b,
        _ => null,
    };
}
