using Hub.Adapter.Sinks;
using Hub.Adapter.Sources;
using Hub.Adapter.Sources.Files;
using Hub.Adapter.Sources.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Adapter;

/// <summary>Chooses the adapter's source and sink.</summary>
public sealed class HubAdapterBuilder(IServiceCollection services, IConfiguration configuration)
{
    /// <summary>The service collection the adapter was added to.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>
    /// Reads changes from, and writes the hub's answers into, a platform database laid out per platform-database.sql
    /// (section <see cref="PostgresSourceOptions.SectionName"/>).
    /// </summary>
    public HubAdapterBuilder UsePostgresPlatform()
    {
        Services.AddOptions<PostgresSourceOptions>().Bind(configuration.GetSection(PostgresSourceOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        Services.AddSingleton<PostgresSource>();
        Services.AddSingleton<IPlatformSource>(sp => sp.GetRequiredService<PostgresSource>());
        Services.AddSingleton<IPlatformSink, PostgresSink>();
        Services.AddHostedService<PostgresChangeListener>();
        return this;
    }

    /// <summary>
    /// Reads files the platform drops into a directory (section <see cref="FileDropOptions.SectionName"/>); their records
    /// are kept in the platform layout inside the adapter's store database, which also receives the hub's answers.
    /// </summary>
    public HubAdapterBuilder UseFileDrop()
    {
        Services.AddOptions<FileDropOptions>().Bind(configuration.GetSection(FileDropOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        Services.AddSingleton<FileDropSource>();
        Services.AddSingleton<IPlatformSource>(sp => sp.GetRequiredService<FileDropSource>());
        Services.AddSingleton<IPlatformSink>(sp => sp.GetRequiredService<FileDropSource>().Sink);
        Services.AddHostedService<FileDropWatcher>();
        return this;
    }

    /// <summary>Uses the platform's own implementations.</summary>
    public HubAdapterBuilder UseSource<TSource, TSink>()
        where TSource : class, IPlatformSource
        where TSink : class, IPlatformSink
    {
        Services.AddSingleton<IPlatformSource, TSource>();
        Services.AddSingleton<IPlatformSink, TSink>();
        return this;
    }
}
