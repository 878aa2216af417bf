// Package employment is shebao's employment-registration source (就业备案).
// The employment service's registrations reach shebao by file import (CSV
// and .xlsx, uploaded by staff) and by an authenticated API where the
// employment system pushes registrations and terminations; both are
// idempotent by the registration's own id (备案编号) and leave an import
// report. The handling engine reads the copies in shebao's database, or,
// when configured, asks a remote employment service through Remote (the
// engine's own interface, handling.RegistrationSource). docs/EMPLOYMENT.md
// is the guide.
package employment

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"strings"
	"time"

	"shebao"
)

// Service imports registrations and reports what arrived.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
	// TokenHash is the SHA-256 hash of the employment system's API key
	// (see ParseToken); pushes are refused while it is nil.
	TokenHash []byte
}

// SystemUser is the user name the audit log and import reports give the
// employment system's pushes.
const SystemUser = "employment-system"

// MaxPush bounds the registrations of one push.
const MaxPush = 5000

// ParseToken reads the configured API key of the employment system
// (SHEBAO_EMPLOYMENT_TOKEN): either "sha256:" and the hex SHA-256 hash of
// the key, so that the key itself is stored nowhere, or the key itself, at
// least 24 characters long. It returns the hash; nil for "" (pushes off).
func ParseToken(config string) ([]byte, error) {
	config = strings.TrimSpace(config)
	if config == "" {
		return nil, nil
	}
	if h, ok := strings.CutPrefix(config, "sha256:"); ok {
		b, err := hex.DecodeString(h)
		if err != nil || len(b) != sha256.Size {
			return nil, errors.New("employment token: sha256: must be followed by 64 hex digits")
		}
		return b, nil
	}
	if len(config) < 24 {
		return nil, errors.New("employment token: use at least 24 characters")
	}
	sum := sha256.Sum256([]byte(config))
	return sum[:], nil
}

// Authenticate checks the API key a push presents. Errors: EFORBIDDEN
// (ReasonAPIOff) when no key is configured, EUNAUTHORIZED (ReasonTokenRejected)
// when it is missing or wrong.
func (s *Service) Authenticate(token string) error {
	if len(s.TokenHash) == 0 {
		return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: ReasonAPIOff}
	}
	sum := sha256.Sum256([]byte(token))
	if token == "" || subtle.ConstantTimeCompare(sum[:], s.TokenHash) != 1 {
		return &shebao.Error{Code: shebao.EUNAUTHORIZED, Reason: ReasonTokenRejected}
	}
	return nil
}

// mayImport returns EFORBIDDEN unless a may import files and see the
// reports: administrators and clerks may.
func mayImport(a shebao.Actor) error {
	if a.Role == shebao.RoleAdmin || a.Role == shebao.RoleClerk {
		return nil
	}
	return &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
}

// ImportFile reads a CSV or .xlsx file of registrations (ReadFile) and
// imports it for staff member a (Import).
func (s *Service) ImportFile(ctx context.Context, a shebao.Actor, name string, r io.Reader) (shebao.ImportReport, error) {
	if err := mayImport(a); err != nil {
		return shebao.ImportReport{}, err
	}
	recs, err := ReadFile(name, r)
	if err != nil {
		return shebao.ImportReport{}, err
	}
	return s.Import(ctx, a, shebao.ImportFile, shebao.CleanText(name, false), recs)
}

// Push imports registrations pushed by the employment system, whose API key
// the caller has checked with Authenticate.
func (s *Service) Push(ctx context.Context, recs []Record) (shebao.ImportReport, error) {
	if len(recs) == 0 {
		return shebao.ImportReport{}, shebao.Invalid("body", ReasonNoRows)
	}
	if len(recs) > MaxPush {
		return shebao.ImportReport{}, shebao.Invalid("body", ReasonTooManyRows, itoa(MaxPush))
	}
	a := shebao.Actor{Username: SystemUser}
	return s.Import(ctx, a, shebao.ImportAPI, "", recs)
}

// Import takes the records that pass their checks, in one transaction with
// the import's report and audit record: a row that fails never costs the
// others, and an import that fails as a whole (a database error) writes
// nothing. Importing the same rows again changes nothing: each row is
// matched to the stored registration with the same source id. Rows are
// rejected, with their row number, column and reason, when a check of their
// own fails (ParseRegistrationRow), when their source id appears twice in
// the import, when the unit is unknown, or when the stored registration with
// their source id belongs to another person or unit. A person unknown to
// shebao is created from the ID number and name.
func (s *Service) Import(ctx context.Context, a shebao.Actor, ch shebao.ImportChannel, source string, recs []Record) (shebao.ImportReport, error) {
	now := s.Clock.Now()
	var rep shebao.ImportReport
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		var err error
		rep, err = ImportTx(ctx, tx, a, ch, source, recs, now)
		return err
	})
	if err != nil {
		return shebao.ImportReport{}, err
	}
	s.log().InfoContext(ctx, "employment registrations imported", "channel", ch, "source", source,
		"read", rep.Read, "inserted", rep.Inserted, "updated", rep.Updated,
		"unchanged", rep.Unchanged, "rejected", rep.Rejected)
	return rep, nil
}

// ImportTx is Import inside the caller's transaction tx, at time now: the
// register import (package register) takes registrations with the rest of
// an office's register, all or nothing.
func ImportTx(ctx context.Context, tx shebao.Tx, a shebao.Actor, ch shebao.ImportChannel, source string, recs []Record, now time.Time) (shebao.ImportReport, error) {
	entries, rejects := check(recs, a.OnItsChannel().Channel, shebao.DateOf(now))
	rep := shebao.ImportReport{Channel: ch, Source: source, At: now, AccountID: a.AccountID,
		Username: a.Username, Read: len(recs), Rejects: append([]shebao.ImportReject(nil), rejects...)}
	if err := apply(ctx, tx, entries, &rep); err != nil {
		return rep, err
	}
	sortRejects(rep.Rejects)
	rep.Rejected = len(rep.Rejects)
	if err := tx.RecordImport(ctx, &rep); err != nil {
		return rep, err
	}
	return rep, tx.Audit(ctx, importAudit(a, rep))
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}

// Status is what the employment page shows: when data last arrived by each
// channel, and the newest reports.
type Status struct {
	Last    map[shebao.ImportChannel]shebao.ImportReport // absent: nothing arrived yet
	Reports []shebao.ImportReport
	APIOn   bool // an API key is configured
}

// RecentReports is how many reports Status lists.
const RecentReports = 10

// Status returns when data last arrived and the newest reports. EFORBIDDEN
// for anyone but administrators and clerks.
func (s *Service) Status(ctx context.Context, a shebao.Actor) (Status, error) {
	if err := mayImport(a); err != nil {
		return Status{}, err
	}
	st := Status{Last: map[shebao.ImportChannel]shebao.ImportReport{}, APIOn: len(s.TokenHash) > 0}
	err := s.Store.View(ctx, func(tx shebao.Tx) error {
		for _, ch := range shebao.ImportChannels {
			last, err := tx.ImportReports(ctx, ch, 1)
			if err != nil {
				return err
			}
			if len(last) == 1 {
				st.Last[ch] = last[0]
			}
		}
		var err error
		st.Reports, err = tx.ImportReports(ctx, "", RecentReports)
		return err
	})
	return st, err
}
