using ImmersiveLab.IndexExplorer.Datasets;
using ImmersiveLab.IndexExplorer.Indexes;
using ImmersiveLab.IndexExplorer.Recall;
using ImmersiveLab.IndexExplorer.Sql;
using ImmersiveLab.IndexExplorer.Tests.Support;

namespace ImmersiveLab.IndexExplorer.Tests;

/// <summary>Generate → build HNSW, IVFFlat and GiST → sweep, on a small clustered dataset in a real sandbox.</summary>
[Collection(nameof(ExplorerCollection))]
public sealed class ExplorerEndToEndTests(ExplorerFixture fx)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_small_clustered_dataset_goes_through_build_and_sweep_with_sensible_recall()
    {
        var learner = await fx.NewLearnerIdAsync();
        var transcript = new SqlTranscript();
        var loads = new Recorder<LoadProgress>();
        var dataset = await fx.Generator.GenerateAsync(learner, new DatasetSpec
        {
            TableName = "items", Shape = DatasetShape.Clustered, Rows = 2000, Dimensions = 16, Clusters = 10, Queries = 30,
        }, transcript, loads, None);

        Assert.Equal(2000, dataset.Rows);
        Assert.True(dataset.HasCube);
        Assert.True(dataset.TableBytes > 0);
        Assert.Contains(loads.Items, p => p.Stage == LoadStage.LoadingRows && p.RowsDone > 0 && p.RowsDone < 2000);
        Assert.Equal(LoadStage.Done, loads.Items[^1].Stage);

        var builds = new Recorder<BuildProgress>();
        var hnsw = await fx.Builder.BuildAsync(learner, dataset, new IndexSpec { Kind = IndexKind.Hnsw, M = 8, EfConstruction = 32 }, transcript, builds, None);
        var ivf = await fx.Builder.BuildAsync(learner, dataset, new IndexSpec { Kind = IndexKind.IvfFlat, Lists = 20 }, transcript, builds, None);
        var gist = await fx.Builder.BuildAsync(learner, dataset, new IndexSpec { Kind = IndexKind.Gist }, transcript, builds, None);
        foreach (var index in new[] { hnsw, ivf, gist })
        {
            Assert.True(index.SizeBytes > 0, index.Name);
            Assert.True(index.BuildTime > TimeSpan.Zero, index.Name);
        }
        Assert.Equal(3, builds.Items.Count(p => p.Finished));
        Assert.Contains("CREATE INDEX items_hnsw_l2_m8_ef32 ON public.items USING hnsw (embedding vector_l2_ops) WITH (m = 8, ef_construction = 32)",
            transcript.Entries.Select(e => e.Sql));
        Assert.Contains(transcript.Entries, e => e.Sql.StartsWith("CREATE INDEX items_ivf_l2_l20 ON public.items USING ivfflat", StringComparison.Ordinal));
        Assert.Contains(transcript.Entries, e => e.Sql.StartsWith("SELECT phase, blocks_done", StringComparison.Ordinal));

        var listed = await fx.Get<IndexCatalog>().ListAsync(learner, dataset, transcript, None);
        Assert.Equal(new[] { gist.Name, hnsw.Name, ivf.Name }.Order(), listed.Select(i => i.Name).Order());
        Assert.All(listed, i => Assert.NotNull(i.BuildTime));

        var sweeps = new Recorder<SweepProgress>();
        var result = await fx.Sweep.RunAsync(learner, dataset, listed, new SweepSettings { K = 10, EfSearch = [4, 16, 64], Probes = [1, 4, 20] },
            transcript, sweeps, None);

        Assert.Equal(30, result.Queries);
        var exact = Assert.Single(result.Exact);
        Assert.Equal(1.0, exact.Recall);
        Assert.Equal(10, exact.MeanRows);
        Assert.All(result.Points, p => Assert.InRange(p.Recall, 0.0, 1.0));
        // Every point measured the index it names: the others were hidden for its sweep.
        Assert.All(result.Points, p => Assert.Equal(p.IndexName, p.UsedIndex));

        var h = result.Points.Where(p => p.IndexName == hnsw.Name).OrderBy(p => p.Value).ToList();
        Assert.Equal([4, 16, 64], h.Select(p => p.Value!.Value));
        Assert.True(h[^1].Recall >= h[0].Recall, $"ef_search 64: {h[^1].Recall}, 4: {h[0].Recall}");
        // Without an iterative scan HNSW returns at most ef_search rows: ef_search 4 < k caps recall at 0.4.
        Assert.True(h[0].MeanRows <= 4, $"{h[0].MeanRows} rows at ef_search 4");
        Assert.True(h[0].Recall <= 0.4 + 1e-9);

        var v = result.Points.Where(p => p.IndexName == ivf.Name).OrderBy(p => p.Value).ToList();
        Assert.True(v[^1].Recall >= v[0].Recall);
        // One probe of 20 lists misses neighbours across list borders: a recall of 1 here would mean the searches
        // were not run through the index at all (EXPLAIN alone does not show what the executed plan was).
        Assert.True(v[0].Recall < 0.999, $"probes 1: recall {v[0].Recall}");
        Assert.Equal(1.0, v[^1].Recall, 6); // probing all 20 lists is an exact search

        var g = Assert.Single(result.Points, p => p.IndexName == gist.Name);
        Assert.True(g.Recall >= 0.99, $"GiST KNN on cube is exact, recall {g.Recall}");

        Assert.Contains(transcript.Entries, e => e.Sql == "SET LOCAL hnsw.ef_search = 16");
        Assert.Contains(transcript.Entries, e => e.Sql == "SET LOCAL ivfflat.probes = 4");
        Assert.Contains(transcript.Entries, e => e.Sql == "SET enable_indexscan = off");
        Assert.Contains(transcript.Entries, e => e.Sql.StartsWith("DROP INDEX public.", StringComparison.Ordinal));
        Assert.Contains(transcript.Entries, e => e.Repetitions == 30 && e.Sql.Contains("WHERE id = 1)", StringComparison.Ordinal));
        Assert.Equal(sweeps.Items[^1].RunsTotal, sweeps.Items[^1].RunsDone);

        // The sweep rolled back its DROP INDEX: all three are still there.
        var after = await fx.Get<IndexCatalog>().ListAsync(learner, dataset, transcript, None);
        Assert.Equal(3, after.Count);
    }

    [Fact]
    public async Task The_catalog_finds_the_dataset_again_after_a_reload()
    {
        var learner = await fx.NewLearnerIdAsync();
        var transcript = new SqlTranscript();
        var made = await fx.Generator.GenerateAsync(learner, new DatasetSpec { TableName = "again", Shape = DatasetShape.Uniform, Rows = 300, Dimensions = 8, Queries = 5 },
            transcript, null, None);

        var found = await fx.Get<DatasetCatalog>().FindAsync(learner, "again", transcript, None);

        Assert.NotNull(found);
        Assert.Equal(made.Rows, found.Rows);
        Assert.Equal(made.Dimensions, found.Dimensions);
        Assert.Equal(DatasetShape.Uniform, found.Shape);
        Assert.Equal(DatasetSpec.RareCategory, found.RareCategory);
    }
}
