namespace ImmersiveLab.Imaging;

/// <summary>An import that cannot start: the folder is missing or holds no image file.</summary>
public sealed class ImageImportException(string message) : Exception(message);
