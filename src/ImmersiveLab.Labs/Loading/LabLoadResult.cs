namespace ImmersiveLab.Labs;

/// <summary>A lab folder loaded: the lab (null when lab.yaml is too broken to build one) and every format error.</summary>
public sealed record LabLoadResult(Lab? Lab, IReadOnlyList<LabFormatError> Errors);
