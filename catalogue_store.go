package shebao

import (
	"context"
	"time"
)

// CatalogueTx stores what the rest of the catalogue needs: item events
// (the status timeline), field-change history, proofs of insurance and the
// decisions each account has seen. Package sqldb implements it.
type CatalogueTx interface {
	// ItemEvents returns an item's status timeline, oldest first. InsertItem
	// and SetItemStatus append to it; an item with no events is an empty list.
	ItemEvents(ctx context.Context, itemID int64) ([]ItemEvent, error)

	// InsertFieldChange appends c to the history of a unit's or a person's
	// fields and sets c.ID.
	InsertFieldChange(ctx context.Context, c *FieldChange) error
	// FieldChanges lists the history of one entity's fields, newest first,
	// with the total count before limit/offset.
	FieldChanges(ctx context.Context, entity ChangeEntity, entityID int64, limit, offset int) ([]FieldChange, int, error)

	// UnitCoverages returns every coverage (active or stopped) at a unit,
	// oldest first, for a unit's proof of insurance.
	UnitCoverages(ctx context.Context, unitID int64) ([]Coverage, error)
	// InsertProof stores p and sets p.ID. ECONFLICT on a duplicate code.
	InsertProof(ctx context.Context, p *Proof) error
	// ProofByCode returns the proof with a verification code. ENOTFOUND.
	ProofByCode(ctx context.Context, code string) (Proof, error)
	// ProofKey returns a proof-signing key by id. ENOTFOUND.
	ProofKey(ctx context.Context, id string) (ProofKey, error)
	// NewestProofKey returns the newest key stored in the database. ENOTFOUND
	// when there is none yet.
	NewestProofKey(ctx context.Context) (ProofKey, error)
	// InsertProofKey stores k. ECONFLICT when its id exists.
	InsertProofKey(ctx context.Context, k ProofKey) error

	// DecisionsSeenAt returns the time up to which an account has seen the
	// decisions on its unit's items; the zero time when it never looked.
	DecisionsSeenAt(ctx context.Context, accountID int64) (time.Time, error)
	// SetDecisionsSeenAt moves an account's seen time forward to at (never back).
	SetDecisionsSeenAt(ctx context.Context, accountID int64, at time.Time) error
	// Decisions lists a unit's reviewed items decided (approved, refused or
	// returned after in_review) after since, newest decision first, at most limit.
	Decisions(ctx context.Context, unitID int64, since time.Time, limit int) ([]Decision, error)
}

// ItemEvent is one step of an item's status timeline: submitted (From
// empty), in review, approved, refused, returned with reasons, withdrawn.
type ItemEvent struct {
	ID      int64
	ItemID  int64
	From    ItemStatus // "" for the submission
	Status  ItemStatus
	Reasons []string
	Note    string // the item's note when the event was written
	At      time.Time
	By      int64 // the account that submitted; 0 for status changes (see the audit log)
}

// Decision is a reviewed item's decision, for the unit's home page.
type Decision struct {
	Item Item
	At   time.Time // when it was decided
}

// ChangeEntity is what a field change belongs to.
type ChangeEntity string

// Change entities.
const (
	EntityUnit   ChangeEntity = "unit"
	EntityPerson ChangeEntity = "person"
)

// FieldChange is one changed field of a unit or a person: the history kept
// for every information change (单位/人员信息变更).
type FieldChange struct {
	ID       int64
	Entity   ChangeEntity
	EntityID int64
	Field    string // e.g. "phone", "name", "credit_code", "id_number"
	Old, New string
	ItemID   int64 // the item that made the change
	At       time.Time
	By       int64 // the account that asked for the change
}

// ProofKind is what a proof of insurance is about.
type ProofKind string

// Proof kinds.
const (
	ProofPerson ProofKind = "person"
	ProofUnit   ProofKind = "unit"
)

// Proof is an issued proof of insurance (参保证明): its content exactly as
// signed, and the signature. Code is the verification code printed on it.
type Proof struct {
	ID        int64
	Code      string // verification code, unique; derived from Signature
	ItemID    int64
	Kind      ProofKind
	UnitID    int64
	PersonID  int64 // 0 for a unit's proof
	IssuedAt  time.Time
	Content   string // the canonical serialisation that was signed
	KeyID     string // which key signed it
	Signature string // hex HMAC-SHA256 of Content under the key
}

// ProofKey is a server key that signs proofs.
type ProofKey struct {
	ID        string
	Secret    []byte
	CreatedAt time.Time
}
