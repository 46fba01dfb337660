/// Synth renders synthetic judged routines whose faults are visible in the pixels and whose
/// labels (elements, penalties with exact time spans, scores, commentary, pose) are exact.
/// It is the project's only source of exact ground truth: the training data of the default
/// model, the test data of every later module and the demo input.
public enum Synth {}
