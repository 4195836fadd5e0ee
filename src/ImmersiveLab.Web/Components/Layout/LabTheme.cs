using MudBlazor;

namespace ImmersiveLab.Web.Components.Layout;

/// <summary>The lab's colours: PostgreSQL blue, and fonts that exist offline (no web fonts).</summary>
public static class LabTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#336791", Secondary = "#0f766e", AppbarBackground = "#336791" },
        PaletteDark = new PaletteDark { Primary = "#7aa7d6", Secondary = "#2dd4bf" },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
            },
        },
    };
}
