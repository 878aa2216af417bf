// Package register imports the register an office brings from its old
// system when it goes live: units, persons, coverage history, declared
// bases, employment registrations and operator accounts, from a folder of
// CSV or .xlsx files (docs/MIGRATION.md). A dry run reports every problem
// by file, row and column; an import applies everything in one transaction
// or nothing; importing the same files again changes nothing.
package register

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"path"
	"sort"
	"strings"
	"time"

	"shebao"
)

// Service imports registers.
type Service struct {
	Store shebao.Store
	Clock shebao.Clock
	Log   *slog.Logger
}

// File is one file of a register: its name (units.csv, persons.xlsx, …)
// and its contents. A CSV file whose Data can seek (an *os.File, an
// upload) is streamed; one that cannot is read whole first.
type File struct {
	Name string
	Data io.Reader
}

// Problem is something wrong with a file, a row or a cell. Row 0 is about
// the whole file. A warning does not stop the import.
type Problem struct {
	File    string
	Row     int
	Column  string
	Reason  string // a reason code with a message "reason.<code>"
	Args    []string
	Warning bool
}

// Counts says what a file's rows did (or would do, in a dry run).
type Counts struct {
	File                               string
	Read, Inserted, Updated, Unchanged int
}

// Report is the outcome of a dry run or an import.
type Report struct {
	Applied  bool // false: a dry run, or refused for its errors; nothing was written
	Files    []Counts
	Problems []Problem // at most MaxProblems, errors and warnings by file and row
	Errors   int       // every error, even beyond MaxProblems
	Warnings int
}

// MaxProblems bounds the problems a report lists.
const MaxProblems = 2000

// Changed reports whether the import changed (or would change) anything.
func (r Report) Changed() bool {
	for _, c := range r.Files {
		if c.Inserted+c.Updated > 0 {
			return true
		}
	}
	return false
}

func (r *Report) add(p Problem) {
	if p.Warning {
		r.Warnings++
	} else {
		r.Errors++
	}
	if len(r.Problems) < MaxProblems {
		r.Problems = append(r.Problems, p)
	}
}

// errDryRun rolls back a run that must not be kept.
var errDryRun = errors.New("register: dry run")

// Import checks a register and, when apply is set and there is no error,
// stores it in one transaction with an audit entry. Without apply, or with
// any error, nothing is written: the report says what would be done and
// every problem. Administrators only (EFORBIDDEN).
func (s *Service) Import(ctx context.Context, a shebao.Actor, files []File, apply bool) (Report, error) {
	if a.Role != shebao.RoleAdmin {
		return Report{}, &shebao.Error{Code: shebao.EFORBIDDEN, Reason: shebao.ReasonForbidden}
	}
	var rep Report
	byKind := sortFiles(files, &rep)
	now := s.Clock.Now()
	err := s.Store.InTx(ctx, func(tx shebao.Tx) error {
		r := newRun(ctx, tx, a, now, rep)
		if err := r.all(byKind); err != nil {
			return err
		}
		sortProblems(r.rep.Problems)
		rep = r.rep
		if !apply || rep.Errors > 0 {
			return errDryRun
		}
		rep.Applied = true
		return tx.Audit(ctx, importAudit(a, now, rep))
	})
	if err != nil && err != errDryRun {
		return Report{}, err
	}
	if rep.Applied && s.Log != nil {
		s.Log.InfoContext(ctx, "register imported", "files", len(rep.Files), "warnings", rep.Warnings)
	}
	return rep, nil
}

// sortFiles finds each file's kind by its name.
func sortFiles(files []File, rep *Report) map[string]File {
	byKind := map[string]File{}
	seen := map[string]string{}
	for _, f := range files {
		name := path.Base(f.Name)
		k := strings.ToLower(strings.TrimSuffix(name, path.Ext(name)))
		if other, ok := seen[k]; ok {
			rep.add(Problem{File: name, Reason: ReasonFileTwice, Args: []string{other}})
			continue
		}
		seen[k] = name
		if _, ok := kindOf(k); !ok {
			rep.add(Problem{File: name, Reason: ReasonUnknownFile})
			continue
		}
		byKind[k] = File{Name: name, Data: f.Data}
	}
	return byKind
}

func kindOf(name string) (kind, bool) {
	for _, k := range []kind{unitsKind, personsKind, coveragesKind, basesKind, registrationsKind, operatorsKind} {
		if k.name == name {
			return k, true
		}
	}
	return kind{}, false
}

func sortProblems(ps []Problem) {
	order := map[string]int{}
	for i, k := range Kinds() {
		order[k] = i
	}
	rank := func(f string) int { return order[strings.ToLower(strings.TrimSuffix(f, path.Ext(f)))] }
	sort.SliceStable(ps, func(i, j int) bool {
		if ri, rj := rank(ps[i].File), rank(ps[j].File); ri != rj {
			return ri < rj
		}
		return ps[i].Row < ps[j].Row
	})
}

func importAudit(a shebao.Actor, now time.Time, rep Report) shebao.AuditEntry {
	e := shebao.AuditFor(a, now, "register.import")
	b, _ := json.Marshal(map[string]any{"files": rep.Files, "warnings": rep.Warnings})
	e.Detail = string(b)
	return e
}
