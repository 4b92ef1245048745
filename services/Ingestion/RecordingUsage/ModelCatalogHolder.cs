using TokenOptimizer.Catalog;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// The catalog this instance prices with: the shipped prices plus the custom prices admins set.
/// Swapped whole when a custom price arrives, so a record is priced against one consistent catalog.
/// </summary>
public sealed class ModelCatalogHolder
{
    private ModelCatalog _current = ModelCatalog.LoadDefault();

    public ModelCatalog Current => Volatile.Read(ref _current);

    public void Replace(ModelCatalog catalog) => Volatile.Write(ref _current, catalog);
}
