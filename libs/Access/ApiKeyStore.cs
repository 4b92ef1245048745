using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Access.Schema;

namespace TokenOptimizer.Access;

/// <summary>
/// Creates, lists, revokes and authenticates API keys stored in <see cref="ApiKeysTable"/>. Thread-safe; one
/// per process (a singleton), so that its cache and revocations are shared by every request.
/// </summary>
public sealed partial class ApiKeyStore
{
    /// <summary>The channel every revocation is announced on, with the key's id as the payload.</summary>
    public const string RevokedChannel = "api_key_revoked";

    // Serialises concurrent migrations: CREATE TABLE IF NOT EXISTS alone races on the catalog.
    private const long MigrationLockKey = 0x746f_6b65_6e00_0020;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<ApiKeyStore> _logger;
    private readonly ApiKeyCache _cache;
    private readonly ActiveKey? _bootstrap;

    /// <summary>Creates the store; throws when <see cref="AccessOptions.BootstrapAdminKey"/> is set but is not a key.</summary>
    public ApiKeyStore(NpgsqlDataSource dataSource, IOptions<AccessOptions> options, TimeProvider time, ILogger<ApiKeyStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _logger = logger;
        _cache = new ApiKeyCache(time, options.Value.CacheDuration);
        _bootstrap = BootstrapKey(options.Value.BootstrapAdminKey);
    }

    /// <summary>Creates the <c>api_keys</c> table if it is missing. Idempotent, and safe when several services start at once.</summary>
    public static async Task EnsureSchemaAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLockKey}); {ApiKeysTable.Ddl}", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Creates a key. The returned plaintext is the only copy: the table keeps the hash of its secret.
    /// Input is taken as valid (the admin endpoint validates it).
    /// </summary>
    public async Task<CreatedApiKey> CreateAsync(string name, Role role, string? team, CancellationToken cancellationToken = default)
    {
        // 48 random bits make a clash of public ids unlikely, not impossible: draw again rather than fail.
        for (var attempt = 1; ; attempt++)
        {
            var (keyId, plaintext, secretHash) = ApiKeys.NewKey();
            await using var command = _dataSource.CreateCommand(
                $"INSERT INTO {ApiKeysTable.Name} (key_id, name, role, team, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING created_at");
            command.Parameters.Add(new() { Value = keyId });
            command.Parameters.Add(new() { Value = name });
            command.Parameters.Add(new() { Value = role.ToName() });
            command.Parameters.Add(new() { Value = (object?)team ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            command.Parameters.Add(new() { Value = secretHash });
            DateTime createdAt;
            try
            {
                createdAt = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                continue;
            }

            LogCreated(keyId, role.ToName(), team ?? "(all)");
            return new CreatedApiKey(new ApiKey(keyId, name, role, team, new DateTimeOffset(createdAt, TimeSpan.Zero), null), plaintext);
        }
    }

    /// <summary>Every stored key, revoked ones included, oldest first. Never any secret.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            $"SELECT key_id, name, role, team, created_at, revoked_at FROM {ApiKeysTable.Name} ORDER BY created_at, key_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken))
        {
            _ = Roles.TryParse(reader.GetString(2), out var role);
            keys.Add(new ApiKey(
                reader.GetString(0),
                reader.GetString(1),
                role,
                await reader.IsDBNullAsync(3, cancellationToken) ? null : reader.GetString(3),
                await reader.GetFieldValueAsync<DateTimeOffset>(4, cancellationToken),
                await reader.IsDBNullAsync(5, cancellationToken) ? null : await reader.GetFieldValueAsync<DateTimeOffset>(5, cancellationToken)));
        }

        return keys;
    }

    /// <summary>
    /// Revokes a key: at once on this instance, and on the others as soon as the revocation's notification reaches them
    /// (<see cref="ApiKeyRevocations"/>), at the latest after <see cref="AccessOptions.CacheDuration"/>.
    /// Revoking a revoked key keeps its first revocation time. False when no such key is stored.
    /// </summary>
    public async Task<bool> RevokeAsync(string keyId, CancellationToken cancellationToken = default)
    {
        // One implicit transaction: the notification goes out when the revocation commits, and only then.
        await using var batch = _dataSource.CreateBatch();
        var revoke = new NpgsqlBatchCommand($"UPDATE {ApiKeysTable.Name} SET revoked_at = coalesce(revoked_at, now()) WHERE key_id = $1");
        revoke.Parameters.Add(new() { Value = keyId });
        var notify = new NpgsqlBatchCommand($"SELECT pg_notify('{RevokedChannel}', $1)");
        notify.Parameters.Add(new() { Value = keyId });
        batch.BatchCommands.Add(revoke);
        batch.BatchCommands.Add(notify);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        var found = revoke.RecordsAffected == 1;
        _cache.Revoked(keyId);
        if (found)
        {
            LogRevoked(keyId);
        }

        return found;
    }

    /// <summary>Forgets a key another instance revoked (see <see cref="ApiKeyRevocations"/>).</summary>
    internal void Forget(string keyId) => _cache.Revoked(keyId);

    /// <summary>Forgets every cached key: revocations may have gone unheard.</summary>
    internal void ForgetAll() => _cache.Clear();

    /// <summary>
    /// Who a presented key (the full <c>tok_…_…</c> string) stands for, or null when it is malformed, unknown,
    /// revoked or has the wrong secret: callers cannot, and must not try to, tell these apart.
    /// </summary>
    public async Task<ApiKeyPrincipal?> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken = default)
    {
        if (!ApiKeys.TryParse(presentedKey, out var presented))
        {
            return null;
        }

        var key = _bootstrap is not null && presented.KeyId == _bootstrap.Principal.KeyId
            ? _bootstrap
            : _cache.Find(presented.KeyId) ?? await LoadActiveAsync(presented.KeyId, cancellationToken);
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.SecretHash, presented.SecretHash))
        {
            LogRejected(presented.KeyId);
            return null;
        }

        return key.Principal;
    }

    /// <summary>
    /// Whether the key <paramref name="keyId"/> still works: for what a caller keeps receiving after it was let in (a
    /// subscription), which must stop once the key is revoked. From the cache, like authentication, else the database.
    /// </summary>
    public async Task<bool> IsActiveAsync(string keyId, CancellationToken cancellationToken = default) =>
        _bootstrap?.Principal.KeyId == keyId || _cache.Find(keyId) is not null || await LoadActiveAsync(keyId, cancellationToken) is not null;

    private async Task<ActiveKey?> LoadActiveAsync(string keyId, CancellationToken cancellationToken)
    {
        var lookup = _cache.BeginLookup();
        await using var command = _dataSource.CreateCommand(
            $"SELECT role, team, secret_hash FROM {ApiKeysTable.Name} WHERE key_id = $1 AND revoked_at IS NULL");
        command.Parameters.Add(new() { Value = keyId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || !Roles.TryParse(reader.GetString(0), out var role))
        {
            return null;
        }

        var team = await reader.IsDBNullAsync(1, cancellationToken) ? null : reader.GetString(1);
        var key = new ActiveKey(new ApiKeyPrincipal(keyId, role, team), await reader.GetFieldValueAsync<byte[]>(2, cancellationToken));
        _cache.Add(key, lookup);
        return key;
    }

    private static ActiveKey? BootstrapKey(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        // The message must not echo the value: it may be a real key with a typo.
        return ApiKeys.TryParse(configured.Trim(), out var key)
            ? new ActiveKey(new ApiKeyPrincipal(key.KeyId, Role.Admin, Team: null), key.SecretHash)
            : throw new InvalidOperationException(
                $"{ApiKeyDefaults.ConfigurationSection}:{nameof(AccessOptions.BootstrapAdminKey)} is not an API key: expected tok_<keyId>_<secret> as ApiKeys.Generate() makes it.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created API key {KeyId} with role {Role} for team {Team}")]
    private partial void LogCreated(string keyId, string role, string team);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId}")]
    private partial void LogRevoked(string keyId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused API key {KeyId}: unknown, revoked or wrong secret")]
    private partial void LogRejected(string keyId);
}
