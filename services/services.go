// Package services builds shebao's services once, from the store, the
// clock, the logger and the configuration: one review-hook table, one batch
// runner, one of each service. The pages (web) and the JSON API (api)
// receive the same Set and never touch the store; app builds it for the
// running system and the tests build it through the same function, so what
// is tested is what runs (docs/ARCHITECTURE.md, "One way in").
package services

import (
	"fmt"
	"log/slog"
	"time"

	"shebao"
	"shebao/admin"
	"shebao/auditlog"
	"shebao/auth"
	"shebao/backpay"
	"shebao/batch"
	"shebao/billing"
	"shebao/calendar"
	"shebao/changes"
	"shebao/collection"
	"shebao/counter"
	"shebao/declaration"
	"shebao/employment"
	"shebao/handling"
	"shebao/progress"
	"shebao/proof"
	"shebao/register"
	"shebao/retirement"
	"shebao/review"
	"shebao/session"
	"shebao/sheet"
	"shebao/sqldb"
	"shebao/statement"
	"shebao/stats"
)

// Config is what the services are built from.
type Config struct {
	DB          *sqldb.DB    // the store, and the sessions' table
	Clock       shebao.Clock // SystemClock when nil
	Log         *slog.Logger // discards when nil
	HashCost    int          // bcrypt cost; auth.DefaultCost when 0
	SessionIdle time.Duration
	KioskIdle   time.Duration
	Secure      bool // cookies over HTTPS only
	// PasswordMaxAge, when > 0, makes staff change older passwords.
	PasswordMaxAge time.Duration
	// EmploymentToken is the employment system's push key: the key itself
	// or "sha256:<hex>"; empty refuses pushes.
	EmploymentToken string
	// EmploymentURL, when set, makes the handling engine ask the employment
	// service at this address for registrations (with EmploymentURLToken).
	EmploymentURL, EmploymentURLToken string
	// ProofKeys are the secrets that sign proofs, comma-separated; empty
	// makes a key in the database on first use.
	ProofKeys string
	// CollectionDueDay is the day of the month after a period on which it
	// is deducted (collection.DefaultDueDay when 0; docs/RULES.md).
	CollectionDueDay int
	// BackupStamp is the file the backup job touches after each good
	// backup; PublicURL the office's public address. The readiness check
	// reads both (register.Setup).
	BackupStamp, PublicURL string
}

// Set is every service of the system, built once.
type Set struct {
	Clock shebao.Clock
	Log   *slog.Logger

	Auth     *auth.Service
	Sessions *session.Manager

	Handling    *handling.Service
	Counter     *counter.Service
	Review      *review.Service
	Progress    *progress.Service
	Batches     *batch.Service // one runner: Wait on shutdown
	Billing     *billing.Service
	Backpay     *backpay.Service
	Declaration *declaration.Service
	Employment  *employment.Service
	Retirement  *retirement.Service
	Changes     *changes.Service
	Proof       *proof.Service
	Admin       *admin.Service
	Audit       *auditlog.Service
	Stats       *stats.Service
	Collection  *collection.Service
	Calendar    *calendar.Service // the unit's month: its dates and what is left to do
	Statement   *statement.Service
	Register    *register.Service // going live: register import, letters, readiness
	Setup       register.Setup    // the configuration the readiness check reports on

	// Uploads admits the requests that carry a file, pages and API
	// together, before their body is read (docs/SECURITY.md, "Uploads and
	// input").
	Uploads *sheet.Admission
}

// ReviewHooks is the one table of review hooks, from the packages that own
// the reviewed item types: the review queue applies them on a decision,
// and a withdrawal by the unit releases what the item held.
func ReviewHooks() map[shebao.ItemType]shebao.ReviewHook {
	return map[shebao.ItemType]shebao.ReviewHook{
		shebao.ItemBackpay:      backpay.Hook,
		shebao.ItemUnitChange:   changes.UnitHook,
		shebao.ItemPersonChange: changes.PersonHook,
	}
}

// New builds the services over c.DB.
func New(c Config) (*Set, error) {
	if c.DB == nil {
		return nil, fmt.Errorf("services: no database")
	}
	if c.Clock == nil {
		c.Clock = shebao.SystemClock{}
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	tokenHash, err := employment.ParseToken(c.EmploymentToken)
	if err != nil {
		return nil, fmt.Errorf("employment token: %w", err)
	}
	db, clock, log := c.DB, c.Clock, c.Log
	hooks := ReviewHooks()
	s := &Set{Clock: clock, Log: log}
	s.Handling = &handling.Service{Store: db, Clock: clock, Log: log}
	if c.EmploymentURL != "" {
		s.Handling.Employment = &employment.Remote{BaseURL: c.EmploymentURL, Token: c.EmploymentURLToken,
			Store: db, Clock: clock, Log: log}
	}
	s.Auth = &auth.Service{Store: db, Clock: clock, Log: log, Cost: c.HashCost, MaxAge: c.PasswordMaxAge}
	s.Sessions = session.New(session.Config{Store: db.SessionStore(), Idle: c.SessionIdle,
		KioskIdle: c.KioskIdle, Secure: c.Secure, Clock: clock})
	s.Counter = &counter.Service{Store: db, Clock: clock, Handling: s.Handling, Log: log}
	s.Review = &review.Service{Store: db, Clock: clock, Log: log, Hooks: hooks}
	s.Progress = &progress.Service{Store: db, Clock: clock, Log: log, Hooks: hooks}
	s.Declaration = &declaration.Service{Store: db, Clock: clock, Log: log}
	s.Batches = &batch.Service{Store: db, Handling: s.Handling, Declaration: s.Declaration, Clock: clock, Log: log}
	s.Billing = &billing.Service{Store: db, Clock: clock, Log: log, Exclusive: db.Exclusive}
	s.Backpay = &backpay.Service{Store: db, Clock: clock, Log: log}
	s.Employment = &employment.Service{Store: db, Clock: clock, Log: log, TokenHash: tokenHash}
	s.Retirement = &retirement.Service{Store: db, Clock: clock, Log: log}
	s.Changes = &changes.Service{Store: db, Clock: clock, Log: log}
	s.Proof = &proof.Service{Store: db, Clock: clock, Log: log, Keys: proof.ParseKeys(c.ProofKeys)}
	s.Admin = &admin.Service{Store: db, Clock: clock, Log: log, Cost: c.HashCost}
	s.Audit = &auditlog.Service{Store: db, Clock: clock}
	s.Collection = &collection.Service{Store: db, Clock: clock, Log: log, DueDay: c.CollectionDueDay}
	s.Stats = &stats.Service{Store: db, Clock: clock, DueDate: s.Collection.DueDate}
	s.Statement = &statement.Service{Billing: s.Billing, Collection: s.Collection}
	s.Register = &register.Service{Store: db, Clock: clock, Log: log}
	s.Calendar = &calendar.Service{Store: db, Clock: clock, Billing: s.Billing,
		Collection: s.Collection, Declaration: s.Declaration, Progress: s.Progress}
	s.Setup = register.Setup{ProofKeys: c.ProofKeys, EmploymentURL: c.EmploymentURL,
		BackupStamp: c.BackupStamp, PublicURL: c.PublicURL}
	s.Uploads = sheet.NewAdmission(0, 0)
	return s, nil
}

// Wait waits for the work the services run in the background (batches
// being applied) to finish: call it on shutdown, before the database closes.
func (s *Set) Wait() { s.Batches.Wait() }
