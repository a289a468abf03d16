namespace RuleHost.Engine.Delivery;

/// <summary>RenderStage renders each notification's body before it is written to the outbox.</summary>
internal sealed class RenderStage(BodyRenderer renderer) : IDeliveryStage
{
    public DateTimeOffset? NextDue => null;

    public List<Outgoing> Exec(List<Outgoing> batch, DateTimeOffset now)
    {
        foreach (var item in batch)
        {
            item.CreatedAt = now;
            renderer.TryRender(item);
        }

        return batch;
    }
}
