package proof

import (
	"context"

	"shebao"
	"shebao/catalogue"
)

// Verdict is the outcome of checking a verification code.
type Verdict string

// Verdicts.
const (
	Valid       Verdict = "valid"       // the proof exists and its signature holds
	Unknown     Verdict = "unknown"     // no proof has this code (mistyped, or forged)
	Malformed   Verdict = "malformed"   // not a code at all
	Altered     Verdict = "altered"     // the stored proof does not match its signature
	KeyNotFound Verdict = "key_unknown" // signed by a key this server no longer has
)

// Verification is what the public verification page shows.
type Verification struct {
	Code    string // the code as normalised
	Verdict Verdict
	Proof   shebao.Proof
	Content Content // as stored, decoded: compare it with the printout
}

// Valid reports whether the proof verified.
func (v Verification) Valid() bool { return v.Verdict == Valid }

// Verify checks a verification code typed or scanned by anyone (no login):
// it finds the proof by code, recomputes the HMAC of its stored content
// with the key it names, and compares it with the stored signature and the
// code. Only storage failures are errors.
func (s *Service) Verify(ctx context.Context, code string) (Verification, error) {
	v := Verification{Code: NormalizeCode(code)}
	if v.Code == "" {
		v.Verdict = Malformed
		return v, nil
	}
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		p, err := tx.ProofByCode(ctx, v.Code)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND {
			v.Verdict = Unknown
			return nil
		}
		if err != nil {
			return err
		}
		v.Proof = p
		key, ok, err := s.verifyingKey(ctx, tx, p.KeyID)
		switch {
		case err != nil:
			return err
		case !ok:
			v.Verdict = KeyNotFound
		case !Check(key, p):
			v.Verdict = Altered
		default:
			v.Verdict = Valid
		}
		v.Content, err = Decode(p.Content)
		if err != nil && v.Verdict == Valid {
			v.Verdict = Altered
		}
		return nil
	})
	return v, err
}

// Proof returns a proof the actor may see (its unit's), for printing again.
// Errors: ENOTFOUND.
func (s *Service) Proof(ctx context.Context, a shebao.Actor, code string) (Issued, error) {
	var out Issued
	c := NormalizeCode(code)
	if c == "" {
		return out, catalogue.NotFound()
	}
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		p, err := tx.ProofByCode(ctx, c)
		if shebao.ErrorCode(err) == shebao.ENOTFOUND || (err == nil && !a.MaySee(p.UnitID)) {
			return catalogue.NotFound()
		}
		if err != nil {
			return err
		}
		out.Proof = p
		if out.Content, err = Decode(p.Content); err != nil {
			return err
		}
		out.Item, err = tx.Item(ctx, p.ItemID)
		return err
	})
	return out, err
}
