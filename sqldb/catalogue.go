package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"shebao"
)

// appendItemEvent appends e to its item's timeline.
func (t *tx) appendItemEvent(ctx context.Context, e shebao.ItemEvent) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO item_events
		(item_id, from_status, status, reasons, note, at, by_account) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ItemID, string(e.From), string(e.Status), encodeList(e.Reasons), e.Note, micros(e.At), e.By)
	return dbError(fmt.Sprintf("append event %s of item %d", e.Status, e.ItemID), err)
}

// appendStatusEvent appends a status change to an item's timeline, with the
// note the item carries at that moment (a reviewer sets it before deciding).
func (t *tx) appendStatusEvent(ctx context.Context, id int64, from, to shebao.ItemStatus, reasons []string, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO item_events
		(item_id, from_status, status, reasons, note, at, by_account)
		SELECT id, $1, $2, $3, note, $4, 0 FROM items WHERE id = $5`,
		string(from), string(to), encodeList(reasons), micros(at), id)
	return dbError(fmt.Sprintf("append event %s of item %d", to, id), err)
}

// ItemEvents returns an item's status timeline, oldest first.
func (t *tx) ItemEvents(ctx context.Context, itemID int64) ([]shebao.ItemEvent, error) {
	op := fmt.Sprintf("events of item %d", itemID)
	rows, err := t.tx.QueryContext(ctx, `SELECT id, item_id, from_status, status, reasons, note, at, by_account
		FROM item_events WHERE item_id = $1 ORDER BY id`, itemID)
	if err != nil {
		return nil, dbError(op, err)
	}
	evs, err := collect(rows, func(s scanner) (shebao.ItemEvent, error) {
		var e shebao.ItemEvent
		var reasons string
		var at int64
		if err := s.Scan(&e.ID, &e.ItemID, &e.From, &e.Status, &reasons, &e.Note, &at, &e.By); err != nil {
			return e, err
		}
		e.At = fromMicros(at)
		var err error
		e.Reasons, err = decodeList(reasons)
		return e, err
	})
	return evs, dbError(op, err)
}

// InsertFieldChange appends c to the field history and sets c.ID.
func (t *tx) InsertFieldChange(ctx context.Context, c *shebao.FieldChange) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO field_changes
		(entity, entity_id, field, old_value, new_value, item_id, at, by_account)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		string(c.Entity), c.EntityID, c.Field, c.Old, c.New, c.ItemID, micros(c.At), c.By).Scan(&c.ID)
	return dbError(fmt.Sprintf("insert change of %s %d %s", c.Entity, c.EntityID, c.Field), err)
}

// FieldChanges lists one entity's field history, newest first.
func (t *tx) FieldChanges(ctx context.Context, entity shebao.ChangeEntity, entityID int64, limit, offset int) ([]shebao.FieldChange, int, error) {
	op := fmt.Sprintf("changes of %s %d", entity, entityID)
	var w where
	w.add(`entity = ?`, string(entity))
	w.add(`entity_id = ?`, entityID)
	var total int
	if err := t.tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM field_changes`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, dbError(op, err)
	}
	pg, args := w.page(limit, offset)
	rows, err := t.tx.QueryContext(ctx, `SELECT id, entity, entity_id, field, old_value, new_value, item_id, at, by_account
		FROM field_changes`+w.String()+` ORDER BY at DESC, id DESC`+pg, args...)
	if err != nil {
		return nil, 0, dbError(op, err)
	}
	cs, err := collect(rows, func(s scanner) (shebao.FieldChange, error) {
		var c shebao.FieldChange
		var at int64
		err := s.Scan(&c.ID, &c.Entity, &c.EntityID, &c.Field, &c.Old, &c.New, &c.ItemID, &at, &c.By)
		c.At = fromMicros(at)
		return c, err
	})
	return cs, total, dbError(op, err)
}

// UnitCoverages returns every coverage at a unit, oldest first.
func (t *tx) UnitCoverages(ctx context.Context, unitID int64) ([]shebao.Coverage, error) {
	op := fmt.Sprintf("coverages of unit %d", unitID)
	rows, err := t.tx.QueryContext(ctx, `SELECT `+coverageColumns+` FROM coverages WHERE unit_id = $1 ORDER BY id`, unitID)
	if err != nil {
		return nil, dbError(op, err)
	}
	cs, err := collect(rows, scanCoverage)
	return cs, dbError(op, err)
}

const proofColumns = `id, code, item_id, kind, unit_id, person_id, issued_at, content, key_id, signature`

// InsertProof stores p and sets p.ID.
func (t *tx) InsertProof(ctx context.Context, p *shebao.Proof) error {
	err := t.tx.QueryRowContext(ctx, `INSERT INTO proofs (code, item_id, kind, unit_id, person_id,
		issued_at, content, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		p.Code, p.ItemID, string(p.Kind), p.UnitID, p.PersonID, micros(p.IssuedAt), p.Content,
		p.KeyID, p.Signature).Scan(&p.ID)
	return dbError("insert proof", err)
}

// ProofByCode returns the proof with a verification code.
func (t *tx) ProofByCode(ctx context.Context, code string) (shebao.Proof, error) {
	var p shebao.Proof
	var issued int64
	err := t.tx.QueryRowContext(ctx, `SELECT `+proofColumns+` FROM proofs WHERE code = $1`, code).Scan(
		&p.ID, &p.Code, &p.ItemID, &p.Kind, &p.UnitID, &p.PersonID, &issued, &p.Content, &p.KeyID, &p.Signature)
	p.IssuedAt = fromMicros(issued)
	return p, dbError("proof by code", err)
}

// ProofKey returns a proof-signing key by id.
func (t *tx) ProofKey(ctx context.Context, id string) (shebao.ProofKey, error) {
	return t.scanProofKey(ctx, `SELECT id, secret, created_at FROM proof_keys WHERE id = $1`, id)
}

// NewestProofKey returns the newest key stored in the database.
func (t *tx) NewestProofKey(ctx context.Context) (shebao.ProofKey, error) {
	return t.scanProofKey(ctx, `SELECT id, secret, created_at FROM proof_keys ORDER BY created_at DESC, id DESC LIMIT 1`)
}

func (t *tx) scanProofKey(ctx context.Context, query string, args ...any) (shebao.ProofKey, error) {
	var k shebao.ProofKey
	var created int64
	err := t.tx.QueryRowContext(ctx, query, args...).Scan(&k.ID, &k.Secret, &created)
	k.CreatedAt = fromMicros(created)
	return k, dbError("proof key", err)
}

// InsertProofKey stores k. ECONFLICT when its id exists.
func (t *tx) InsertProofKey(ctx context.Context, k shebao.ProofKey) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO proof_keys (id, secret, created_at) VALUES ($1, $2, $3)`,
		k.ID, k.Secret, micros(k.CreatedAt))
	return dbError("insert proof key "+k.ID, err)
}

// DecisionsSeenAt returns up to when an account has seen decisions.
func (t *tx) DecisionsSeenAt(ctx context.Context, accountID int64) (time.Time, error) {
	var at int64
	err := t.tx.QueryRowContext(ctx, `SELECT seen_at FROM decisions_seen WHERE account_id = $1`, accountID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return fromMicros(at), dbError(fmt.Sprintf("decisions seen by account %d", accountID), err)
}

// SetDecisionsSeenAt moves an account's seen time forward to at.
func (t *tx) SetDecisionsSeenAt(ctx context.Context, accountID int64, at time.Time) error {
	_, err := t.tx.ExecContext(ctx, `INSERT INTO decisions_seen (account_id, seen_at) VALUES ($1, $2)
		ON CONFLICT (account_id) DO UPDATE SET seen_at = excluded.seen_at
		WHERE decisions_seen.seen_at < excluded.seen_at`, accountID, micros(at))
	return dbError(fmt.Sprintf("set decisions seen by account %d", accountID), err)
}

// Decisions lists a unit's items decided after review (an event from
// in_review to approved, refused or returned) after since, newest first.
func (t *tx) Decisions(ctx context.Context, unitID int64, since time.Time, limit int) ([]shebao.Decision, error) {
	op := fmt.Sprintf("decisions of unit %d", unitID)
	if limit <= 0 {
		limit = 50
	}
	rows, err := t.tx.QueryContext(ctx, itemSelect+` JOIN item_events e ON e.item_id = i.id WHERE i.unit_id = $1
		AND e.from_status = $2 AND e.status IN ($3, $4, $5) AND e.at > $6
		ORDER BY e.at DESC, e.id DESC LIMIT $7`,
		unitID, string(shebao.StatusInReview), string(shebao.StatusApproved), string(shebao.StatusRefused),
		string(shebao.StatusReturned), micros(since), limit)
	if err != nil {
		return nil, dbError(op, err)
	}
	items, err := collect(rows, scanItem)
	if err != nil {
		return nil, dbError(op, err)
	}
	ds := make([]shebao.Decision, len(items))
	for i, it := range items {
		ds[i] = shebao.Decision{Item: it, At: it.DecidedAt}
	}
	return ds, nil
}
