"""The embedders: MiniLM run in batches gives each text the vector it gets alone; the hashed-words
embedder of the plumbing tests is deterministic."""

import numpy as np

from index import embeddings
from index.embeddings import MiniLMEmbedding, load_embedding

TEXTS = ["Ant Group halted its stablecoin plans.",
         "JD.com had lobbied the People's Bank of China for offshore yuan stablecoins in Hong Kong, "
         "people familiar with the matter said, before regulators asked the firms to stand down.",
         "Trusple", "稳定币", "Hong Kong's stablecoin ordinance took effect on 1 August 2025. " * 6]


def test_minilm_in_batches_gives_each_text_its_vector_alone(monkeypatch):
    model = MiniLMEmbedding()
    together = model._encode(TEXTS)
    monkeypatch.setattr(embeddings, "RUN_TEXTS", 1)
    alone = model._encode(TEXTS)
    assert together.shape == (len(TEXTS), 384)
    assert np.min(np.sum(together * alone, axis=1)) >= 0.9999


def test_hashed_words_embedder_is_deterministic_and_knows_shared_words():
    embed = load_embedding("hash")
    texts = ["Harbour tolls in Macau rose", "harbour tolls rose in Macau", "Tram fares in Lisbon fell"]
    vectors = [embed.get_text_embedding(t) for t in texts]
    assert vectors[0] == embed.get_text_embedding(texts[0]) and len(vectors[0]) == 256
    cosine = [sum(a * b for a, b in zip(vectors[0], v)) for v in vectors]
    assert abs(cosine[0] - 1) < 1e-6 and abs(cosine[1] - 1) < 1e-6 and cosine[2] < 0.5
