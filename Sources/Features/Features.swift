/// Features turns a decoded video into athlete-centred spatio-temporal clip tokens
/// (`T × G × D`) that the assessment model reads, and caches them on disk.
public enum Features {}
