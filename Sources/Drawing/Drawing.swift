/// Drawing owns the Cairo resources shared by the renderer of synthetic routines and the
/// reports: image surfaces and drawing contexts, each freed in `deinit`, with Cairo's own
/// error messages.
public enum Drawing {}
