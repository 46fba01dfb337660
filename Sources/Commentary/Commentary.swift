/// Commentary turns what the model saw into coaching text: per body-part dimension what was
/// done well and what to improve, and a paragraph. This version realises the rubric's phrases
/// through Mustache templates (`Templates/commentary/LANG/`) from the predicted penalties —
/// the grounded generator; every weakness sentence cites its moment.
public enum Commentary {}
