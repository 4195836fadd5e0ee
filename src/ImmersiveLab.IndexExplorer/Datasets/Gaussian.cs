namespace ImmersiveLab.IndexExplorer.Datasets;

/// <summary>Standard normal numbers from a seeded <see cref="Random"/> (Box–Muller), so datasets are reproducible.</summary>
internal sealed class Gaussian(Random random)
{
    private double? _spare;

    public double Next()
    {
        if (_spare is { } s)
        {
            _spare = null;
            return s;
        }
        double u1;
        do u1 = random.NextDouble(); while (u1 <= double.Epsilon);
        var u2 = random.NextDouble();
        var r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }
}
