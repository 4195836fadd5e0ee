using System.Globalization;
using ImmersiveLab.Sandbox.Messages;
using Microsoft.Extensions.Localization;

namespace ImmersiveLab.Ui.Localization;

/// <summary>
/// Renders a <see cref="LabMessage"/> through <see cref="IStringLocalizer"/>: the localizer of the message's catalog
/// (its resx pair) picks the string for the current UI culture; nested messages render the same way.
/// </summary>
public static class LabMessageLocalizer
{
    public static string Text(this IStringLocalizerFactory localizers, LabMessage message)
    {
        var format = localizers.Create(message.Catalog)[message.Code];
        return message.Format(CultureInfo.CurrentCulture, format.ResourceNotFound ? message.English() : format.Value, inner => localizers.Text(inner));
    }
}
