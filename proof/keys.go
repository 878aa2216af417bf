package proof

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"shebao"
)

// ParseKeys splits a comma-separated list of secrets (SHEBAO_PROOF_KEY: the
// first signs new proofs, all of them verify; see docs/CATALOGUE.md, "Proof
// keys"); blanks are skipped.
func ParseKeys(s string) [][]byte {
	var keys [][]byte
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, []byte(k))
		}
	}
	return keys
}

// configuredID names a configured key by a fingerprint, never the secret:
// "cfg-" and the first 8 bytes of its SHA-256 in hex.
func configuredID(key []byte) string {
	sum := sha256.Sum256(key)
	return "cfg-" + hex.EncodeToString(sum[:8])
}

// firstDBKey is the id of the key the database creates when no key is
// configured; racing first issuers both try it, and one wins.
const firstDBKey = "db-1"

// signingKey returns the key that signs new proofs: the first configured
// key, or the newest database key, created (32 random bytes) when there is
// none. A creation race ends in ECONFLICT for the loser; its transaction
// is run again and reads the winner's key.
func (s *Service) signingKey(ctx context.Context, tx shebao.Tx, now time.Time) (shebao.ProofKey, error) {
	if len(s.Keys) > 0 {
		return shebao.ProofKey{ID: configuredID(s.Keys[0]), Secret: s.Keys[0]}, nil
	}
	k, err := tx.NewestProofKey(ctx)
	if shebao.ErrorCode(err) != shebao.ENOTFOUND {
		return k, err
	}
	k = shebao.ProofKey{ID: firstDBKey, Secret: make([]byte, 32), CreatedAt: now}
	if _, err := rand.Read(k.Secret); err != nil {
		return k, err
	}
	return k, tx.InsertProofKey(ctx, k)
}

// verifyingKey returns the key a proof names: a configured key by its
// fingerprint, or a database key. ok is false when the key is unknown (a
// configured key that was removed, or a forged key id).
func (s *Service) verifyingKey(ctx context.Context, tx shebao.Tx, id string) (key []byte, ok bool, err error) {
	for _, k := range s.Keys {
		if configuredID(k) == id {
			return k, true, nil
		}
	}
	if strings.HasPrefix(id, "cfg-") {
		return nil, false, nil
	}
	k, err := tx.ProofKey(ctx, id)
	if shebao.ErrorCode(err) == shebao.ENOTFOUND {
		return nil, false, nil
	}
	return k.Secret, err == nil, err
}
