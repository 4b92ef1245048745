namespace TokenOptimizer.Client;

/// <summary>What became of one attempt to deliver a batch.</summary>
/// <param name="Kind">Delivered, worth trying again, or refused for good.</param>
/// <param name="Rejected">When delivered: how many records TokenOptimizer found invalid (it keeps them in quarantine).</param>
/// <param name="Reason">Why it was not delivered, for the log; never a secret.</param>
public readonly record struct DeliveryResult(DeliveryKind Kind, int Rejected = 0, string? Reason = null)
{
    /// <summary>TokenOptimizer has the batch; <paramref name="rejected"/> of its records were invalid.</summary>
    public static DeliveryResult Delivered(int rejected = 0) => new(DeliveryKind.Delivered, rejected);

    /// <summary>A passing failure (unreachable, 5xx, throttled): the batch is sent again after a pause.</summary>
    public static DeliveryResult TryAgain(string reason) => new(DeliveryKind.TryAgain, Reason: reason);

    /// <summary>The batch as a whole was refused (a bad key, a malformed request): sending it again cannot help.</summary>
    public static DeliveryResult Refused(string reason) => new(DeliveryKind.Refused, Reason: reason);
}

/// <summary>The kinds of <see cref="DeliveryResult"/>.</summary>
public enum DeliveryKind
{
    /// <summary>See <see cref="DeliveryResult.Delivered"/>.</summary>
    Delivered,

    /// <summary>See <see cref="DeliveryResult.TryAgain"/>.</summary>
    TryAgain,

    /// <summary>See <see cref="DeliveryResult.Refused"/>.</summary>
    Refused,
}
