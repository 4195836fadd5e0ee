using ImmersiveLab.SqlAssist.Catalog;
using ImmersiveLab.SqlAssist.Completion;
using ImmersiveLab.SqlAssist.Hover;
using ImmersiveLab.SqlAssist.Knowledge;
using ImmersiveLab.SqlAssist.Signatures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ImmersiveLab.SqlAssist;

public static class SqlAssistServiceCollectionExtensions
{
    /// <summary>The SQL editor's completion, hover and signature help (needs AddSandboxes and AddLabs); options from "SqlAssist".</summary>
    public static IServiceCollection AddSqlAssist(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SqlAssistOptions>().Bind(configuration.GetSection(SqlAssistOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(SqlKnowledge.BuiltIn);
        services.AddSingleton<LabReferences>();
        services.AddSingleton<SharedCatalogStore>();
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<SqlCompletionProvider>();
        services.AddSingleton<SqlHoverProvider>();
        services.AddSingleton<SqlSignatureHelpProvider>();
        services.AddSingleton<SqlAssistService>();
        return services;
    }
}
