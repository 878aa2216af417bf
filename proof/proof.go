// Package proof issues proofs of insurance (参保证明) for a person or for a
// unit, and verifies them for anyone. A proof states the contribution
// history from the coverages; the server signs its canonical serialisation
// with HMAC-SHA256, and its verification code is derived from the
// signature. The public verification page shows the content as stored and
// says whether the signature holds, so that an altered printout, a changed
// code or a changed stored proof fail the check. Issuing a proof is an item
// (ItemProof) approved at once.
package proof

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"shebao"
	"shebao/catalogue"
)

// Service issues and verifies proofs.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	// Keys are configured signing keys (SHEBAO_PROOF_KEY, via ParseKeys): the first signs, all
	// verify. Without any, a key is created in and read from the database.
	Keys [][]byte
}

// Request asks for a proof of a person (IDNumber set) or of the unit.
type Request struct {
	UnitID    int64 // staff acting for a unit; an operator's own unit otherwise
	Kind      shebao.ProofKind
	IDNumber  string // for ProofPerson
	ClientKey string // the form's key: a double click issues one proof
}

// Issued is an issued proof with its content.
type Issued struct {
	Proof   shebao.Proof
	Content Content
	Item    shebao.Item
}

// Payload is the JSON of a proof item's Payload.
type Payload struct {
	Kind shebao.ProofKind `json:"kind"`
	Code string           `json:"code"`
}

// Issue issues a proof of insurance as of today: the contribution history
// through the month before today's, signed, stored, recorded as an item
// approved at once, and audited. Errors: EINVALID for the kind or the ID
// number; EREFUSED PERSON_UNKNOWN, NOT_OF_UNIT, PROOF_NOT_INSURED;
// EFORBIDDEN.
func (s *Service) Issue(ctx context.Context, a shebao.Actor, r Request) (Issued, error) {
	unitID, err := a.ActFor(r.UnitID)
	if err != nil {
		return Issued{}, err
	}
	if r.Kind != shebao.ProofPerson && r.Kind != shebao.ProofUnit {
		return Issued{}, shebao.Invalid("proof_kind", shebao.ReasonRequired)
	}
	now := s.Clock.Now()
	if r.Kind == shebao.ProofPerson {
		if _, err := catalogue.ParseID(r.IDNumber, shebao.DateOf(now)); err != nil {
			return Issued{}, err
		}
	}
	var out Issued
	for attempt := 0; attempt < 2; attempt++ { // a lost race to create the first key
		err = s.Store.InTx(ctx, func(tx shebao.Tx) error {
			var e error
			out, e = s.issueTx(ctx, tx, a, unitID, r, now)
			return e
		})
		if shebao.ErrorCode(err) != shebao.ECONFLICT {
			break
		}
	}
	return out, err
}

func (s *Service) issueTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, unitID int64, r Request, now time.Time) (Issued, error) {
	c, personID, err := gather(ctx, tx, unitID, r, now)
	if err != nil {
		return Issued{}, err
	}
	if first, ok, err := catalogue.Replay(ctx, tx, a, unitID, r.ClientKey, shebao.ItemProof, c.IDNumber); err != nil || ok {
		return replayed(ctx, tx, first, err)
	}
	key, err := s.signingKey(ctx, tx, now)
	if err != nil {
		return Issued{}, err
	}
	canonical := Canonical(c)
	sig := Sign(key.Secret, canonical)
	p := shebao.Proof{Code: CodeOf(sig), Kind: r.Kind, UnitID: unitID, PersonID: personID,
		IssuedAt: now.UTC().Truncate(time.Second), Content: string(canonical), KeyID: key.ID, Signature: sig}
	period, err := shebao.BusinessPeriod(ctx, tx, shebao.DateOf(now))
	if err != nil {
		return Issued{}, err
	}
	pl := Payload{Kind: r.Kind, Code: p.Code}
	it := shebao.Item{Type: shebao.ItemProof, UnitID: unitID, PersonID: personID, Period: period,
		Status: shebao.StatusApproved, Payload: catalogue.JSON(pl), UnitName: c.UnitName,
		PersonName: c.PersonName, IDNumber: c.IDNumber, ClientKey: r.ClientKey}
	if err := catalogue.Record(ctx, tx, a, &it, now, pl); err != nil {
		return Issued{}, err
	}
	p.ItemID = it.ID
	if err := tx.InsertProof(ctx, &p); err != nil {
		return Issued{}, err
	}
	return Issued{Proof: p, Content: c, Item: it}, nil
}

// replayed is the proof that a request's client key already issued (a
// double click issues one proof).
func replayed(ctx context.Context, tx shebao.Tx, it shebao.Item, err error) (Issued, error) {
	if err != nil {
		return Issued{}, err
	}
	var pl Payload
	if err := json.Unmarshal([]byte(it.Payload), &pl); err != nil {
		return Issued{}, fmt.Errorf("proof: payload of item %d: %w", it.ID, err)
	}
	p, err := tx.ProofByCode(ctx, pl.Code)
	if err != nil {
		return Issued{}, err
	}
	c, err := Decode(p.Content)
	return Issued{Proof: p, Content: c, Item: it}, err
}

// gather builds a proof's content from the unit, the person and the coverages.
func gather(ctx context.Context, tx shebao.Tx, unitID int64, r Request, now time.Time) (Content, int64, error) {
	today := shebao.DateOf(now)
	u, err := tx.Unit(ctx, unitID)
	if err != nil {
		return Content{}, 0, err
	}
	serial := make([]byte, 8)
	if _, err := rand.Read(serial); err != nil {
		return Content{}, 0, err
	}
	c := Content{Version: ContentVersion, Kind: r.Kind, Serial: hex.EncodeToString(serial),
		IssuedAt: now.UTC().Format(time.RFC3339), AsOf: today.Period().Prev().String(),
		UnitName: u.Name, CreditCode: u.CreditCode}
	asOf := today.Period().Prev()
	var personID int64
	if r.Kind == shebao.ProofUnit {
		cs, err := tx.UnitCoverages(ctx, unitID)
		if err != nil {
			return c, 0, err
		}
		c.Rows, c.Totals = unitRows(u, cs, asOf)
	} else {
		p, cs, err := catalogue.PersonOfUnit(ctx, tx, unitID, r.IDNumber, today)
		if err != nil {
			return c, 0, err
		}
		names, err := unitNames(ctx, tx, cs)
		if err != nil {
			return c, 0, err
		}
		personID, c.PersonName, c.IDNumber = p.ID, p.Name, p.IDNumber
		c.Rows, c.Totals = personRows(cs, names, asOf)
	}
	if len(c.Rows) == 0 {
		return c, 0, shebao.Refused(catalogue.ReasonProofNotInsured)
	}
	return c, personID, nil
}

// unitNames reads the names of the units of a person's coverages.
func unitNames(ctx context.Context, tx shebao.Tx, cs []shebao.Coverage) (map[int64]string, error) {
	names := map[int64]string{}
	for _, c := range cs {
		if _, ok := names[c.UnitID]; ok {
			continue
		}
		u, err := tx.Unit(ctx, c.UnitID)
		if err != nil {
			return nil, err
		}
		names[c.UnitID] = u.Name
	}
	return names, nil
}
