using MudBlazor;

namespace SocialCareStories.Web.Components.Layout;

/// <summary>A calm, readable palette: deep teal on warm white, with text well above WCAG AA contrast.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0B5563",
            Secondary = "#7A3E65",
            Background = "#FBFAF7",
            Surface = "#FFFFFF",
            AppbarBackground = "#0B5563",
            TextPrimary = "#1D2327",
            TextSecondary = "#434B52",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7FD1DE",
            // Filled buttons put this text on the light primary; MudBlazor's default white would fail contrast.
            PrimaryContrastText = "#14191C",
            Secondary = "#E3A8CF",
            SecondaryContrastText = "#14191C",
            Background = "#14191C",
            Surface = "#1D2428",
            TextPrimary = "#ECEFF1",
            TextSecondary = "#C3CBD0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"] },
        },
    };
}
