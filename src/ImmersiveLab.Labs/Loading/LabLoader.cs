using Microsoft.Extensions.Logging;

namespace ImmersiveLab.Labs;

/// <summary>
/// Reads lab folders from disk into <see cref="Lab"/>s and validates them. File names in errors are shown
/// relative to the labs folder's parent, e.g. "labs/00-welcome/en.md".
/// </summary>
public sealed class LabLoader(LabValidator validator, ILogger<LabLoader> logger)
{
    public const string MetadataFile = "lab.yaml";

    /// <summary>Loads every <c>NN-slug</c> folder under <paramref name="labsDirectory"/>, ordered by NN.</summary>
    public LabCatalogSnapshot LoadAll(string labsDirectory)
    {
        var labs = new List<Lab>();
        var errors = new List<LabFormatError>();
        var root = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(labsDirectory)));

        if (!Directory.Exists(labsDirectory))
        {
            errors.Add(new LabFormatError(labsDirectory, 0, "labs folder not found"));
            logger.LogWarning("Labs folder {LabsDirectory} not found", labsDirectory);
            return new LabCatalogSnapshot(labsDirectory, labs, errors, DateTimeOffset.UtcNow);
        }

        var folders = new List<(LabFolderName Name, string Path)>();
        foreach (var path in Directory.EnumerateDirectories(labsDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (LabFolderName.TryParse(name) is { } folderName)
            {
                folders.Add((folderName, path));
            }
            else if (File.Exists(Path.Combine(path, MetadataFile)))
            {
                errors.Add(new LabFormatError($"{root}/{name}", 0, "a lab folder is named NN-slug (e.g. 05-similar-images: digits, a dash, lowercase words)"));
            }
        }

        foreach (var (folderName, path) in folders.OrderBy(f => f.Name.Order).ThenBy(f => f.Name.Name, StringComparer.Ordinal))
        {
            var result = Load(path, root);
            errors.AddRange(result.Errors);
            if (result.Lab is not { } lab)
            {
                continue;
            }

            if (labs.FirstOrDefault(l => l.Id == lab.Id) is { } sameId)
            {
                errors.Add(new LabFormatError($"{root}/{lab.Folder}/{MetadataFile}", 1, $"id '{lab.Id}' is already used by {root}/{sameId.Folder}"));
                continue;
            }

            if (labs.FirstOrDefault(l => l.Order == lab.Order) is { } sameOrder)
            {
                errors.Add(new LabFormatError($"{root}/{lab.Folder}", 0, $"number {lab.Order:00} is already used by {root}/{sameOrder.Folder}; the number orders the labs"));
            }

            labs.Add(lab);
        }

        foreach (var lab in labs)
        {
            errors.AddRange(validator.ValidatePrerequisites(lab, labs, $"{root}/{lab.Folder}/{MetadataFile}"));
        }

        foreach (var error in errors)
        {
            logger.LogWarning("Lab format error: {Error}", error);
        }

        logger.LogInformation("Loaded {LabCount} labs from {LabsDirectory} with {ErrorCount} format errors", labs.Count, labsDirectory, errors.Count);
        return new LabCatalogSnapshot(labsDirectory, labs, errors, DateTimeOffset.UtcNow);
    }

    /// <summary>Loads one lab folder. <paramref name="displayRoot"/> prefixes file names in errors (default "labs").</summary>
    public LabLoadResult Load(string labDirectory, string displayRoot = "labs")
    {
        var directory = Path.GetFullPath(labDirectory);
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var display = $"{displayRoot}/{folder}";
        var errors = new List<LabFormatError>();

        var folderName = LabFolderName.TryParse(folder);
        if (folderName is null)
        {
            errors.Add(new LabFormatError(display, 0, "a lab folder is named NN-slug (e.g. 05-similar-images)"));
        }

        var metadataPath = Path.Combine(directory, MetadataFile);
        if (!File.Exists(metadataPath))
        {
            errors.Add(new LabFormatError($"{display}/{MetadataFile}", 0, "missing lab.yaml"));
            return new LabLoadResult(null, errors);
        }

        var languages = LabLanguages.All.Where(l => File.Exists(Path.Combine(directory, $"{l}.md"))).ToList();
        if (languages.Count == 0)
        {
            errors.Add(new LabFormatError(display, 0, "a lab needs en.md and/or zh.md"));
        }

        var metadata = LabMetadataReader.Read(File.ReadAllText(metadataPath), $"{display}/{MetadataFile}");
        errors.AddRange(validator.ValidateMetadata(metadata, languages));
        if (metadata.Id is null || languages.Count == 0)
        {
            return new LabLoadResult(null, errors);
        }

        var documents = languages.ToDictionary(
            l => l,
            l => LabDocumentParser.Parse(File.ReadAllText(Path.Combine(directory, $"{l}.md")), l, $"{display}/{l}.md", metadata.Id));
        var lab = new Lab(
            metadata.Id,
            folder,
            directory,
            folderName?.Order ?? int.MaxValue,
            metadata.Minutes ?? 0,
            metadata.Tags,
            metadata.Title ?? LocalizedText.Empty,
            metadata.Summary ?? LocalizedText.Empty,
            documents)
        {
            Objectives = metadata.Objectives ?? LocalizedList.Empty,
            Prerequisites = metadata.Prerequisites ?? LabPrerequisites.None,
        };
        errors.AddRange(validator.Validate(lab));
        return new LabLoadResult(lab, errors);
    }
}
