"""Augmentation for AED training, in the mel-POWER domain over the cached fbank variants (featurize.py), because
the shared CPU could not afford fbank per step. Mixing adds mel power (exact in expectation for uncorrelated
sources), gain scales it, band-limiting through 8 kHz and reverberation come from the cached channel variants
(every class gets them with the same probability: donateacry cries are telephone-band).

Per item: class-balanced draw; random crop / time shift (short clips and random pieces of long ones are placed
into near-silence); with p=0.45 another clip is mixed in at -5..+20 dB SNR (its label is kept when it is within
10 dB of the main event, masked from the loss when fainter); noise floor; gain; a frequency mask."""
import numpy as np

from model import LABELS

PRIMARY_WEIGHTS = {"Cry": 0.24, "Speech": 0.16, "other": 0.22, "Cough": 0.10, "BGM": 0.06, "Laughter": 0.04,
                   "Sneeze": 0.04, "Breath": 0.04, "Applause": 0.04}
P_SILENCE = 0.06
VARIANTS = ["orig", "bl", "rev", "revbl"]
# Band-limited share: Cry 75 % (half of its draws are donateacry, telephone-band already, the other half 50 %);
# every other class 70 %, so "band-limited" says almost nothing about "cry".
VARIANT_P = [0.3, 0.3, 0.2, 0.2]
VARIANT_P_NON_CRY = [0.2, 0.4, 0.1, 0.3]
# Within Cry, draw the corpus first: 26 full-band ESC-50 cries would drown among 286 donateacry ones.
CRY_CORPUS_P = {"esc50": 0.5, "donateacry": 0.5}
PARTNER = {"orig": ["orig", "rev"], "rev": ["orig", "rev"], "bl": ["bl", "revbl"], "revbl": ["bl", "revbl"]}
LABEL_IF_WITHIN_DB = 10.0
EPS = np.float32(np.finfo(np.float32).eps)


class FeatureAugmenter:
    def __init__(self, clips, noise_unit, rng):
        """clips: list of (event, dataset, {variant: float16 log-mel [T, F]}) for TRAIN rows; noise_unit: log-mel
        of 1-LSB white noise."""
        self.rng = rng
        self.by_class = {c: [v for e, _, v in clips if e == c] for c in LABELS}
        self.cry_by_corpus = {k: [v for e, d, v in clips if e == "Cry" and d == k] for k in CRY_CORPUS_P}
        self.classes = [c for c in LABELS if self.by_class[c]]
        p = np.array([PRIMARY_WEIGHTS[c] for c in self.classes])
        self.class_p = p / p.sum()
        self.noise = np.exp(noise_unit.astype(np.float32))
        self.n_mels = noise_unit.shape[1]

    def noise_power(self, t, sigma_lsb):
        s = self.rng.integers(0, len(self.noise) - t + 1)
        return self.noise[s:s + t] * np.float32(sigma_lsb ** 2)

    def place(self, p, t, piece):
        """p: power [T0, F] -> ([t, F] with zeros around, mean power of the event itself)."""
        if piece and len(p) > 100:
            n = int(self.rng.uniform(0.5, 1.0) * min(len(p), t))
            s = self.rng.integers(0, len(p) - n + 1)
            p = p[s:s + n]
        level = float(p.mean()) + 1e-12
        if len(p) >= t:
            s = self.rng.integers(0, len(p) - t + 1)
            return p[s:s + t].copy(), level
        out = np.zeros((t, self.n_mels), np.float32)
        s = self.rng.integers(0, t - len(p) + 1)
        out[s:s + len(p)] = p
        return out, level

    def draw(self, cls, variant):
        pool = self.by_class[cls]
        if cls == "Cry":
            keys = list(CRY_CORPUS_P)
            pool = self.cry_by_corpus[keys[self.rng.choice(len(keys), p=[CRY_CORPUS_P[k] for k in keys])]]
        return np.exp(pool[self.rng.integers(len(pool))][variant].astype(np.float32))

    def item(self, t):
        """-> log-mel [t, F] float32, targets [C], loss weights [C]."""
        y = np.zeros(len(LABELS), np.float32)
        wt = np.ones(len(LABELS), np.float32)
        if self.rng.random() < P_SILENCE:
            if self.rng.random() < 0.3:
                return np.full((t, self.n_mels), np.log(EPS), np.float32), y, wt
            p = self.noise_power(t, 10 ** (self.rng.uniform(0, 35) / 20))  # -90..-55 dBFS
            return np.log(np.maximum(p, EPS)), y, wt
        cls = self.classes[self.rng.choice(len(self.classes), p=self.class_p)]
        variant = VARIANTS[self.rng.choice(4, p=VARIANT_P if cls == "Cry" else VARIANT_P_NON_CRY)]
        y[LABELS.index(cls)] = 1
        u = self.rng.random()
        p, level = self.place(self.draw(cls, variant), t, piece=u < 0.25)
        if 0.25 <= u < 0.7:
            other = self.classes[self.rng.integers(len(self.classes))]
            q, qlevel = self.place(self.draw(other, PARTNER[variant][self.rng.integers(2)]), t, piece=False)
            snr = self.rng.uniform(-5, 20)
            p += q * np.float32(level / qlevel * 10 ** (-snr / 10))
            k = LABELS.index(other)
            if snr <= LABEL_IF_WITHIN_DB:
                y[k] = 1
            elif y[k] == 0:
                wt[k] = 0
        if self.rng.random() < 0.7:
            rel_db = self.rng.uniform(-60, -25)
            sigma2 = level / float(self.noise.mean()) * 10 ** (rel_db / 10)
            p += self.noise_power(t, np.sqrt(sigma2))
        p *= np.float32(10 ** (self.rng.uniform(-20, 10) / 10))
        x = np.log(np.maximum(p, EPS))
        if self.rng.random() < 0.5:
            w = self.rng.integers(1, 9)
            f0 = self.rng.integers(0, self.n_mels - w)
            x[:, f0:f0 + w] = x.mean()
        return x, y, wt
