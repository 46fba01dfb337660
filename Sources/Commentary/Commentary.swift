/// Commentary turns what the model saw into coaching text: per body-part dimension what was
/// done well and what to improve, and a paragraph — learned (keypoint reasoning + a decoder,
/// MTL-AQA §4, TechCoach §4.4–4.5) or grounded in the rubric's phrases through templates —
/// and scores such text (BLEU, METEOR, ROUGE-L, CIDEr-D, mention, agreement). docs/commentary.md.
public enum Commentary {}
