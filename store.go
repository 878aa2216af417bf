package shebao

import (
	"context"
	"time"
)

// Store is shebao's storage. Package sqldb implements it for SQLite and
// PostgreSQL. Every service method opens one transaction with InTx (or View),
// calls Tx methods, and commits once.
type Store interface {
	// InTx runs fn in one read-write transaction, committing when fn returns
	// nil and rolling back otherwise. fn's error is returned as is.
	InTx(ctx context.Context, fn func(Tx) error) error
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
}

// Tx is the set of storage operations available inside a transaction.
// Errors: ENOTFOUND when a single thing asked for does not exist; ECONFLICT
// when a uniqueness rule or a conditional state change fails; anything else
// is EINTERNAL. Driver errors never leave package sqldb unwrapped.
type Tx interface {
	UnitTx
	PersonTx
	CoverageTx
	ItemTx
	AccountTx
	AuditTx
	PolicyTx
	BillingTx     // contributions: assessments, declarations, back-pay (billing_store.go)
	CatalogueTx   // item progress, changes, proofs, batches (catalogue_store.go)
	OfficeTx      // review queue, registrations import, statistics (office_store.go)
	DeclarationTx // base declarations (contributions_store.go)
	BackpayTx     // individual back-pay months (contributions_store.go)
	ExportTx      // the contributions export's rows, streamed (contributions_store.go)
	BatchTx       // batch uploads from Excel (batch_store.go)
	CollectionTx  // collection results (collection_store.go)
	RegisterTx    // going live: register import, readiness (register_store.go)
	FactsReader   // the handling engine's facts, in one statement (handling_store.go)
}

// UnitTx stores units and kiosk terminals.
type UnitTx interface {
	Unit(ctx context.Context, id int64) (Unit, error)
	UnitByCreditCode(ctx context.Context, code string) (Unit, error)
	// CreateUnit inserts u and sets u.ID. ECONFLICT on a duplicate credit code.
	CreateUnit(ctx context.Context, u *Unit) error
	// UpdateUnit writes every field of u. ENOTFOUND if it does not exist.
	UpdateUnit(ctx context.Context, u Unit) error
	// Units lists units whose name or credit code contains q (all when q is
	// empty), by name, with the total count before limit/offset.
	Units(ctx context.Context, q string, limit, offset int) ([]Unit, int, error)

	Terminal(ctx context.Context, code string) (Terminal, error)
	// CreateTerminal inserts t and sets t.ID. ECONFLICT on a duplicate code.
	CreateTerminal(ctx context.Context, t *Terminal) error
	// UpdateTerminal writes t's secret and token hashes. ENOTFOUND if it
	// does not exist.
	UpdateTerminal(ctx context.Context, t Terminal) error
	Terminals(ctx context.Context) ([]Terminal, error)
}

// Terminal is a self-service PC (kiosk) in the office's hall. A browser
// enrolled as a terminal carries its code, and every item submitted from it
// records that code.
type Terminal struct {
	ID       int64
	Code     string // e.g. HALL-01
	Name     string
	Location string
	// SecretHash is the SHA-256 (hex) of the enrolment secret, which is
	// shown once and never stored; TokenHash that of the token the enrolled
	// kiosk's cookie carries (empty: no kiosk enrolled). Package auth owns both.
	SecretHash string
	TokenHash  string
}

// PersonTx stores persons and their employment registrations.
type PersonTx interface {
	Person(ctx context.Context, id int64) (Person, error)
	PersonByIDNumber(ctx context.Context, idNumber string) (Person, error)
	// CreatePerson inserts p and sets p.ID. ECONFLICT on a duplicate ID number.
	CreatePerson(ctx context.Context, p *Person) error
	// UpdatePerson writes every field of p. ENOTFOUND if it does not exist.
	UpdatePerson(ctx context.Context, p Person) error

	// PutRegistration inserts r, or updates the registration with the same
	// SourceID, and sets r.ID.
	PutRegistration(ctx context.Context, r *Registration) error
	// Registrations returns a person's registrations with any unit, newest
	// RegisteredOn first.
	Registrations(ctx context.Context, personID int64) ([]Registration, error)
}

// CoverageTx stores insurance relationships.
type CoverageTx interface {
	// Coverages returns every coverage of a person at any unit, newest first.
	Coverages(ctx context.Context, personID int64) ([]Coverage, error)
	// InsertCoverage inserts c and sets c.ID. ECONFLICT when the person
	// already has an active coverage of c.Insurance (at any unit): this is the
	// rule that makes two racing enrollments end with one winner.
	InsertCoverage(ctx context.Context, c *Coverage) error
	// InsertCoverages inserts coverages in one statement (their ids are not
	// set); ECONFLICT as InsertCoverage.
	InsertCoverages(ctx context.Context, cs []Coverage) error
	// StopCoverages stops every active coverage of the person at the unit
	// with the given last period, and returns how many it stopped (0 when
	// another request stopped them first).
	StopCoverages(ctx context.Context, personID, unitID int64, last Period) (int, error)
	// Roster lists the unit's persons with active coverage, by name, filtered
	// by q (name, or ID-number substring), with the total count.
	Roster(ctx context.Context, unitID int64, q string, limit, offset int) ([]RosterEntry, int, error)
}

// RosterEntry is one insured employee of a unit.
type RosterEntry struct {
	Person      Person
	FirstPeriod Period
	Base        Fen // the pension coverage's stored base; handling's Roster sets the base in force in BasePeriod
	BasePeriod  Period
	Insurances  []Insurance
}

// ItemTx stores business items.
type ItemTx interface {
	// InsertItem inserts it, sets it.ID and it.Receipt. ECONFLICT when the
	// unit already has an item with the same non-empty ClientKey.
	InsertItem(ctx context.Context, it *Item) error
	Item(ctx context.Context, id int64) (Item, error)
	// ItemByClientKey finds a unit's item by its idempotency key.
	ItemByClientKey(ctx context.Context, unitID int64, key string) (Item, error)
	// Items lists items matching f, newest first, with unit and person names
	// joined, and their count before Limit/Offset, exact up to Offset +
	// CountCap; beyond, Offset + CountCap + 1 (CountOf). A listed item has
	// no ClientKey, CreatedBy nor Note (Item has them): no list shows them.
	Items(ctx context.Context, f ItemFilter) ([]Item, int, error)
	// SetItemStatus moves an item from status from to status to, with the
	// reasons and decision time. ECONFLICT when it is no longer in from.
	SetItemStatus(ctx context.Context, id int64, from, to ItemStatus, reasons []string, at time.Time) error
}

// AccountTx stores accounts.
type AccountTx interface {
	Account(ctx context.Context, id int64) (Account, error)
	AccountByUsername(ctx context.Context, username string) (Account, error)
	// CreateAccount inserts a and sets a.ID. ECONFLICT on a duplicate username
	// (usernames compare case-insensitively).
	CreateAccount(ctx context.Context, a *Account) error
	// LockAccount reads an account to change it in this transaction, kept
	// from concurrent changes until the transaction ends.
	LockAccount(ctx context.Context, id int64) (Account, error)
	// UpdateAccount writes every field of a.
	UpdateAccount(ctx context.Context, a Account) error
	// Accounts lists accounts of a unit (unitID > 0) or all staff (unitID 0), by username.
	Accounts(ctx context.Context, unitID int64) ([]Account, error)
	// ClaimGuess counts one password guess against account id in one atomic
	// conditional update, before the password is compared: when the account
	// is locked at now it changes nothing and returns claimed false; the
	// guess that reaches max failures sets the lock to until (and the count
	// back to 0), reported by locked.
	ClaimGuess(ctx context.Context, id int64, max int, now, until time.Time) (claimed, locked bool, err error)
	// ClearFailures forgets the failures counted and lifts any lock, after a
	// right password.
	ClearFailures(ctx context.Context, id int64) error
	// PasswordHistory returns the hashes of the account's last n passwords,
	// newest first; AddPasswordHistory records one.
	PasswordHistory(ctx context.Context, id int64, n int) ([]string, error)
	AddPasswordHistory(ctx context.Context, id int64, hash string, at time.Time) error
}

// AuditTx writes and reads the audit log.
type AuditTx interface {
	// Audit appends e to the audit log.
	Audit(ctx context.Context, e AuditEntry) error
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	UnitID    int64
	PersonID  int64
	AccountID int64
	Action    string // prefix match: "item." matches every item action
	From, To  time.Time
	Limit     int
	Offset    int
}

// PolicyTx stores the versioned contribution policy.
type PolicyTx interface {
	// Policy returns the newest version of the policy for a year. ENOTFOUND
	// when the year has none.
	Policy(ctx context.Context, year int) (Policy, error)
	// SavePolicy stores p as a new version of its year and sets p.Version.
	SavePolicy(ctx context.Context, p *Policy) error
	// PolicyYears lists the years that have a policy, ascending.
	PolicyYears(ctx context.Context) ([]int, error)
}

// CountCap bounds how far past a page's start a list's count reads, so that
// the cost of a list does not grow with the history it lists
// (docs/PERFORMANCE.md): a count is exact up to Offset + CountCap. Ten
// pages of the lists' usual 20; counting further cost the unit's items list
// a third of its time once a unit had that many items.
const CountCap = 200

// CountOf reads a count made up to offset + CountCap + 1 (ItemTx.Items):
// the number to show and whether there are more than that.
func CountOf(n, offset int) (total int, more bool) {
	if limit := max(offset, 0) + CountCap; n > limit {
		return limit, true
	}
	return n, false
}

// PageLimit bounds the size of a page of a list: n when it is 1..200, and
// 50 when it is unset or out of range.
func PageLimit(n int) int {
	if n <= 0 || n > 200 {
		return 50
	}
	return n
}
