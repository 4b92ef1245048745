using System.CommandLine;
using Spectre.Console;
using TokenOptimizer.Tokenopt.Connecting;

namespace TokenOptimizer.Tokenopt.ErasingUsers;

/// <summary>
/// <c>tokenopt users erase &lt;userId&gt;</c> (admin key): removes an end user's id from the event log, the request log, the
/// per-user rollups and the quarantine, through the Query API's <c>eraseUser</c>. Their calls stay, counted without a user.
/// </summary>
public static class UsersCommands
{
    private const string EraseDocument = "mutation($userId: String!) { eraseUser(userId: $userId) { erasureId events quarantinedRecords detail } }";

    public static Command Create(CliContext context)
    {
        var userId = new Argument<string>("userId") { Description = "The id the calls name as userId, exactly as sent." };
        var erase = new Command("erase", "Erase a user's id from every record that holds it (admin key).") { userId };
        erase.WithApi(context, async (parse, api, cancellationToken) =>
        {
            var erased = (await api.QueryAsync(EraseDocument, new { userId = parse.GetValue(userId) }, cancellationToken)).GetProperty("eraseUser");
            context.Console.MarkupLine(Markup.Escape(
                $"Erased the user from {erased.GetProperty("events").GetInt32()} usage events and {erased.GetProperty("quarantinedRecords").GetInt32()} " +
                $"quarantined records (erasure {erased.GetProperty("erasureId").GetString()})."));
            context.Console.MarkupLine(Markup.Escape(erased.GetProperty("detail").GetString()!));
        });
        return new Command("users", "End users' data.") { erase };
    }
}
