namespace Hub.Testing;

/// <summary>
/// Connection details of the real PostgreSQL and RabbitMQ that `./hub.sh test` starts and exports.
/// Missing variables fail the test with instructions; tests never pass without the real servers.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresConnectionString => Require("HUB_TEST_POSTGRES");
    public static string RabbitHost => Require("HUB_TEST_RABBITMQ_HOST");
    public static int RabbitPort => int.Parse(Require("HUB_TEST_RABBITMQ_PORT"), System.Globalization.CultureInfo.InvariantCulture);
    public static int RabbitManagementPort => int.Parse(Require("HUB_TEST_RABBITMQ_MANAGEMENT_PORT"), System.Globalization.CultureInfo.InvariantCulture);
    public static string RabbitUsername => Require("HUB_TEST_RABBITMQ_USERNAME");
    public static string RabbitPassword => Require("HUB_TEST_RABBITMQ_PASSWORD");

    /// <summary>The S3-compatible server (s3rver from npm) that `./hub.sh test` starts for the space's S3 backend, its bucket and keys.</summary>
    public static string S3Endpoint => Require("HUB_TEST_S3_ENDPOINT");
    public static string S3Bucket => Require("HUB_TEST_S3_BUCKET");
    public static string S3AccessKey => Require("HUB_TEST_S3_ACCESS_KEY");
    public static string S3SecretKey => Require("HUB_TEST_S3_SECRET_KEY");

    /// <summary>Debian's chromium, which the web UI tests drive through Playwright (hub.sh installs it).</summary>
    public static string Chromium => Require("HUB_TEST_CHROMIUM");

    private static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set. Run the tests with `./hub.sh test`, or start the test servers with " +
                "`eval \"$(./hub.sh test-env)\"` and then run `dotnet test`.");

    /// <summary>A short unique name usable as a database or virtual host name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
}
