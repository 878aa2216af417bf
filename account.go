package shebao

import "time"

// Role is what an account may do.
type Role string

// Roles.
const (
	RoleOperator Role = "operator" // a unit's HR operator
	RoleClerk    Role = "clerk"    // counter clerk
	RoleReviewer Role = "reviewer"
	RoleAdmin    Role = "admin"
)

// IsStaff reports whether r is an office role.
func (r Role) IsStaff() bool { return r == RoleClerk || r == RoleReviewer || r == RoleAdmin }

// Account is a login: a unit's operator or a member of staff.
type Account struct {
	ID            int64
	Username      string
	PasswordHash  string
	Role          Role
	UnitID        int64 // operators only
	DisplayName   string
	MustChange    bool // the password was issued by the office and must be changed
	FailedLogins  int
	LockedUntil   time.Time
	Disabled      bool
	PasswordSetAt time.Time
	CreatedAt     time.Time
	// Generation changes whenever what a session may do changes (password,
	// reset, role, disabling): a session of another generation has ended.
	Generation int64
}

// Actor is who acts in a request: the logged-in account, from which channel
// and terminal. Services take an Actor and enforce what it may see and do.
type Actor struct {
	AccountID int64
	Username  string
	Role      Role
	UnitID    int64 // operators: their unit
	Channel   Channel
	Terminal  string
}

// AuditEntry is one line of the audit log: who changed what, when, from where.
type AuditEntry struct {
	ID        int64
	At        time.Time
	AccountID int64
	Username  string
	Role      Role
	Channel   Channel
	Terminal  string
	Action    string // e.g. "item.enroll", "account.password", "login.failed"
	UnitID    int64
	PersonID  int64
	ItemID    int64
	Detail    string // JSON or plain text with the values changed

	// What UnitID and PersonID named when the entry was made, kept by the
	// store as they were then (a later change of name does not rewrite the
	// log): the unit's name and credit code, the person's name and ID number.
	UnitName, CreditCode, PersonName, IDNumber string
	// PrevHash and Hash chain the log (see AuditEntry.ChainHash); set by
	// the store when it appends the entry.
	PrevHash, Hash string
}

// AuditFor returns an audit entry for a change made by a.
func AuditFor(a Actor, at time.Time, action string) AuditEntry {
	return AuditEntry{At: at, AccountID: a.AccountID, Username: a.Username, Role: a.Role,
		Channel: a.Channel, Terminal: a.Terminal, Action: action, UnitID: a.UnitID}
}
