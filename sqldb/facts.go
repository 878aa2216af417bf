package sqldb

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"shebao"
)

// The handling engine's facts (shebao.FactsReader) in one statement: a
// preview or a submission read the unit, the policies, the person, their
// coverages and registrations, and the idempotency key's item in one round
// trip instead of one each (docs/PERFORMANCE.md, "The engine's reads").
// Each part is a branch of a UNION ALL whose rows share one layout: the
// part's kind, seven integers and three texts, filled from the left
// (factRow). The unit's nine texts and the person's six travel packed in
// one (packed): the driver reads a column in one to three calls into
// SQLite, each taking the connection's mutex, whatever the column holds,
// and the rows' empty filler columns were 70 of a preview's 153
// (docs/PERFORMANCE.md, "The items list and the preview per request").
// Ids are compared as CAST($1 AS BIGINT) (stmtcache.go).
const (
	factUnit = iota + 1
	factPolicy
	factPerson
	factCoverage
	factRegistration
	factReplay
)

// The unit's and the person's texts, in the order unpack reads them.
var (
	factUnitTexts   = []string{"u.credit_code", "u.name", "u.address", "u.contact", "u.phone", "u.industry", "u.status", "u.bank_account", "u.legal_rep"}
	factPersonTexts = []string{"p.id_number", "p.name", "p.sex", "p.post_category", "p.phone", "p.address"}
)

// packed returns the SQL of one text holding cols, each as its length in
// UTF-8 bytes, a colon and itself: "3:abc0:2:中" (unpack reads it back). On
// PostgreSQL the length is of the text converted to UTF-8, the encoding
// the client reads it in, whatever the server's.
func packed(dialect string, cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		n := "octet_length(" + c + ")"
		if dialect == Postgres {
			n = "octet_length(convert_to(" + c + ", 'UTF8'))"
		}
		parts[i] = n + " || ':' || " + c
	}
	return strings.Join(parts, " || ")
}

// unpack splits s, made by packed, into the texts it holds, one to each
// of into (sharing s's bytes).
func unpack(s string, into ...*string) error {
	for _, p := range into {
		i := strings.IndexByte(s, ':')
		n, err := strconv.Atoi(s[:max(i, 0)])
		if i < 0 || err != nil || n < 0 || n > len(s)-i-1 {
			return fmt.Errorf("unpack %q: no length", s)
		}
		*p, s = s[i+1:i+1+n], s[i+1+n:]
	}
	if s != "" {
		return fmt.Errorf("unpack: %q left", s)
	}
	return nil
}

// factsParts returns the statement's parts in dialect.
func factsParts(dialect string) (unit, policies, person, coverages, registrations, replay string) {
	unit = `SELECT 1, u.id, u.risk_class, u.created_at, 0, 0, 0, 0, ` + packed(dialect, factUnitTexts) + `, '', ''
		FROM units u WHERE u.id = CAST($1 AS BIGINT)`
	// The newest version of each year from $3 to $4.
	policies = `SELECT 2, p.year, p.version, 0, 0, 0, 0, 0, p.body, '', ''
		FROM policies p WHERE p.region = '' AND p.year BETWEEN CAST($3 AS INTEGER) AND CAST($4 AS INTEGER)
		AND p.version = (SELECT MAX(q.version) FROM policies q WHERE q.year = p.year AND q.region = '')`
	person = `SELECT 3, p.id, p.birth_date, 0, 0, 0, 0, 0, ` + packed(dialect, factPersonTexts) + `, '', ''
		FROM persons p WHERE p.id_number = $2`
	// A coverage active at another unit than $1 carries that unit's name,
	// which a refusal names.
	coverages = `SELECT 4, c.id, c.person_id, c.unit_id, c.first_period, c.last_period, c.base, c.item_id,
		c.insurance, c.status,
		CASE WHEN c.status = 'active' AND c.unit_id <> CAST($1 AS BIGINT)
			THEN COALESCE((SELECT o.name FROM units o WHERE o.id = c.unit_id), '') ELSE '' END
		FROM persons p JOIN coverages c ON c.person_id = p.id WHERE p.id_number = $2`
	registrations = `SELECT 5, r.id, r.person_id, r.unit_id, r.start_on, r.registered_on, r.end_on, 0,
		r.source_id, '', ''
		FROM persons p JOIN registrations r ON r.person_id = p.id WHERE p.id_number = $2`
	// It repeats items_client_key's predicate (qItemByClientKey).
	replay = `SELECT 6, i.id, 0, 0, 0, 0, 0, 0, '', '', ''
		FROM items i WHERE i.unit_id = CAST($1 AS BIGINT) AND i.client_key = $5 AND i.client_key <> ''`
	return
}

// factsTexts are the statement's four texts in each dialect, by
// registrations asked and key given (each prepared once).
var factsTexts = func() map[string][2][2]string {
	m := map[string][2][2]string{}
	for _, d := range []string{SQLite, Postgres} {
		unit, policies, person, coverages, registrations, replay := factsParts(d)
		var v [2][2]string
		for regs := range 2 {
			for key := range 2 {
				s := unit + "\nUNION ALL " + policies + "\nUNION ALL " + person + "\nUNION ALL " + coverages
				if regs == 1 {
					s += "\nUNION ALL " + registrations
				}
				if key == 1 {
					s += "\nUNION ALL " + replay
				}
				v[regs][key] = s
			}
		}
		m[d] = v
	}
	return m
}()

// factsQuery returns the statement of q in dialect and its arguments: its
// parts joined by UNION ALL, the registrations and the replay only when
// asked.
func factsQuery(dialect string, q shebao.FactsQuery) (string, []any) {
	regs, key := 0, 0
	if q.Registrations {
		regs = 1
	}
	args := []any{q.UnitID, q.IDNumber, q.FromYear, q.ToYear}
	if q.ClientKey != "" {
		key = 1
		args = append(args, q.ClientKey)
	}
	return factsTexts[dialect][regs][key], args
}

// factRow is one row of the facts statement.
type factRow struct {
	kind int
	n    [7]int64
	s    [3]string
}

func scanFactRow(s scanner) (factRow, error) {
	var r factRow
	err := s.Scan(&r.kind, &r.n[0], &r.n[1], &r.n[2], &r.n[3], &r.n[4], &r.n[5], &r.n[6], &r.s[0], &r.s[1], &r.s[2])
	return r, err
}

// RequestFacts reads q's facts in one statement, in the transaction (on
// PostgreSQL, before its first write, on its own: sqlTx.queryRead).
func (t *tx) RequestFacts(ctx context.Context, q shebao.FactsQuery) (shebao.RequestFacts, error) {
	query, args := factsQuery(t.dialect, q)
	rows, err := t.tx.queryRead(ctx, query, args...)
	return readFacts(rows, err)
}

// RequestFacts reads q's facts in one statement outside any transaction
// (one statement reads one snapshot), on SQLite from the read pool,
// prepared and without ctx's cancellation once begun (stmtcache.go).
func (db *DB) RequestFacts(ctx context.Context, q shebao.FactsQuery) (shebao.RequestFacts, error) {
	query, args := factsQuery(db.dialect, q)
	if db.dialect == SQLite {
		ctx = detach(ctx)
	}
	var f shebao.RequestFacts
	err := db.query(ctx, db.read, func(rows *sql.Rows, err error) error {
		f, err = readFacts(rows, err)
		return err
	}, query, args...)
	return f, err
}

// readFacts reads the facts statement's rows into the answer: coverages
// newest first, registrations by RegisteredOn then id, newest first (as
// Coverages and Registrations return them).
func readFacts(rows *sql.Rows, err error) (shebao.RequestFacts, error) {
	var f shebao.RequestFacts
	if err != nil {
		return f, dbError("request facts", err)
	}
	err = each(rows, scanFactRow, func(r factRow) error { return addFact(&f, r) })
	if err != nil {
		return shebao.RequestFacts{}, dbError("request facts", err)
	}
	slices.SortFunc(f.Coverages, func(a, b shebao.Coverage) int { return cmp.Compare(b.ID, a.ID) })
	slices.SortFunc(f.Registrations, func(a, b shebao.Registration) int {
		return cmp.Or(cmp.Compare(b.RegisteredOn, a.RegisteredOn), cmp.Compare(b.ID, a.ID))
	})
	return f, nil
}

// addFact adds one row to f.
func addFact(f *shebao.RequestFacts, r factRow) error {
	n, s := r.n, r.s
	switch r.kind {
	case factUnit:
		u := shebao.Unit{ID: n[0], RiskClass: int(n[1]), CreatedAt: fromMicros(n[2])}
		if err := unpack(s[0], &u.CreditCode, &u.Name, &u.Address, &u.Contact, &u.Phone, &u.Industry,
			(*string)(&u.Status), &u.BankAccount, &u.LegalRep); err != nil {
			return fmt.Errorf("unit %d: %w", u.ID, err)
		}
		f.Unit = u
	case factPolicy:
		p, err := storedPolicy(int(n[0]), int(n[1]), s[0])
		if err != nil {
			return fmt.Errorf("decode policy %d: %w", n[0], err)
		}
		if f.Policies == nil {
			f.Policies = shebao.Policies{}
		}
		f.Policies[p.Year] = p
	case factPerson:
		p := shebao.Person{ID: n[0], BirthDate: shebao.Date(n[1])}
		if err := unpack(s[0], &p.IDNumber, &p.Name, (*string)(&p.Sex), (*string)(&p.PostCategory),
			&p.Phone, &p.Address); err != nil {
			return fmt.Errorf("person %d: %w", p.ID, err)
		}
		f.Person = p
	case factCoverage:
		c := shebao.Coverage{ID: n[0], PersonID: n[1], UnitID: n[2], FirstPeriod: shebao.Period(n[3]),
			LastPeriod: shebao.Period(n[4]), Base: shebao.Fen(n[5]), ItemID: n[6],
			Insurance: shebao.Insurance(s[0]), Status: shebao.CoverageStatus(s[1])}
		f.Coverages = append(f.Coverages, c)
		if s[2] != "" {
			if f.UnitNames == nil {
				f.UnitNames = map[int64]string{}
			}
			f.UnitNames[c.UnitID] = s[2]
		}
	case factRegistration:
		f.Registrations = append(f.Registrations, shebao.Registration{ID: n[0], PersonID: n[1], UnitID: n[2],
			Start: shebao.Date(n[3]), RegisteredOn: shebao.Date(n[4]), End: shebao.Date(n[5]), SourceID: s[0]})
	case factReplay:
		f.ReplayID = n[0]
	}
	return nil
}
