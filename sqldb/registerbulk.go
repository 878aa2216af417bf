package sqldb

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"shebao"
)

// The register import's batched reads and writes (docs/MIGRATION.md): a
// chunk of rows in one statement instead of one statement a row. Each
// takes at most bulkRows rows a statement, well under both databases'
// limits of bound parameters.

// They run on the transaction itself, not through the statement cache
// (stmtcache.go): their texts vary with the size of the chunk and would
// fill it.

// bulkRows bounds the rows of one batched statement on SQLite, whose
// statements take at most 32,766 parameters; PostgreSQL takes a chunk in
// one (arrays).
const bulkRows = 500

// cachedRows is the most rows a statement of insertRows may have to be
// prepared and cached: SQLite parsing a statement of four coverages on
// every enrollment took as long as running it.
const cachedRows = 8

// bulkLen is how many of n rows the next statement takes.
func (t *tx) bulkLen(n int) int {
	if t.dialect == Postgres {
		return n
	}
	return min(n, bulkRows)
}

// placeholders returns "($1, $2), ($3, $4)" for rows of cols columns,
// numbered from 1, or "(?, ?), (?, ?)" on SQLite, which looks every
// numbered parameter up by its name (thousands of them made its parser
// and binding quadratic).
func (t *tx) placeholders(rows, cols int) string {
	var b strings.Builder
	n := 1
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := 0; c < cols; c++ {
			if c > 0 {
				b.WriteString(", ")
			}
			t.param(&b, n)
			n++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// insertRows inserts rows of len(cols) values each (strings and integers)
// into table, bulkRows a statement; suffix follows the rows (an ON
// CONFLICT clause). On PostgreSQL the rows go as one array a column,
// unnested: one parameter a column, however many rows.
func (t *tx) insertRows(ctx context.Context, table string, cols []string, suffix string, rows [][]any) error {
	for len(rows) > 0 {
		n := t.bulkLen(len(rows))
		var q string
		var args []any
		if t.dialect == Postgres {
			q, args = unnest(cols, rows[:n])
		} else {
			args = make([]any, 0, n*len(cols))
			for _, r := range rows[:n] {
				args = append(args, r...)
			}
			q = `VALUES ` + t.placeholders(n, len(cols))
		}
		q = `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) ` + q + suffix
		// A few rows (an enrollment's coverages) run prepared from the
		// statement cache; bulk statements are too many texts to cache,
		// and are only counted.
		exec := t.tx.ExecContext
		if n > cachedRows {
			t.tx.statement(q, args)
			exec = t.tx.execUncached
		}
		if _, err := exec(ctx, q, args...); err != nil {
			return dbError("insert "+table, err)
		}
		rows = rows[n:]
	}
	return nil
}

// unnest returns "SELECT * FROM unnest($1::text[], $2::bigint[], …)" and
// the columns of rows as arrays: text for strings, boolean for booleans,
// bigint for integers.
func unnest(cols []string, rows [][]any) (string, []any) {
	var b strings.Builder
	b.WriteString(`SELECT * FROM unnest(`)
	args := make([]any, len(cols))
	for c := range cols {
		if c > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$" + strconv.Itoa(c+1))
		if _, ok := rows[0][c].(string); ok {
			col := make([]string, len(rows))
			for i, r := range rows {
				col[i] = r[c].(string)
			}
			args[c] = col
			b.WriteString("::text[]")
			continue
		}
		if _, ok := rows[0][c].(bool); ok {
			col := make([]bool, len(rows))
			for i, r := range rows {
				col[i] = r[c].(bool)
			}
			args[c] = col
			b.WriteString("::boolean[]")
			continue
		}
		col := make([]int64, len(rows))
		for i, r := range rows {
			switch v := r[c].(type) {
			case int:
				col[i] = int64(v)
			case int32:
				col[i] = int64(v)
			case int64:
				col[i] = v
			}
		}
		args[c] = col
		b.WriteString("::bigint[]")
	}
	b.WriteByte(')')
	return b.String(), args
}

// param writes the n-th parameter.
func (t *tx) param(b *strings.Builder, n int) {
	if t.dialect == SQLite {
		b.WriteByte('?')
		return
	}
	b.WriteByte('$')
	b.WriteString(strconv.Itoa(n))
}

// inList returns "($1, $2, …)" (SQLite: "(?, ?, …)") for n values,
// numbered from first.
func (t *tx) inList(n, first int) string {
	var b strings.Builder
	b.WriteByte('(')
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		t.param(&b, first+i)
	}
	b.WriteByte(')')
	return b.String()
}

// selectIn runs query (ending in the column compared, "… WHERE
// credit_code") with the keys, bulkRows a statement: "IN (?, ?, …)" on
// SQLite, "= ANY($1)" with an array on PostgreSQL. It scans every row
// with scan.
func selectIn[K string | int64](ctx context.Context, t *tx, query string, keys []K, scan func(scanner) error) error {
	for len(keys) > 0 {
		n := t.bulkLen(len(keys))
		var rows *sql.Rows
		var err error
		if t.dialect == Postgres {
			rows, err = t.tx.queryUncached(ctx, query+` = ANY($1)`, keys[:n])
		} else {
			args := make([]any, n)
			for i, k := range keys[:n] {
				args[i] = k
			}
			rows, err = t.tx.queryUncached(ctx, query+` IN `+t.inList(n, 1), args...)
		}
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := scan(rows); err != nil {
				rows.Close()
				return err
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// UnitsByCreditCodes returns the stored units of the credit codes, by code.
func (t *tx) UnitsByCreditCodes(ctx context.Context, codes []string) (map[string]shebao.Unit, error) {
	out := make(map[string]shebao.Unit, len(codes))
	err := selectIn(ctx, t, `SELECT `+unitColumns+` FROM units WHERE credit_code`, codes, func(s scanner) error {
		u, err := scanUnit(s)
		out[u.CreditCode] = u
		return err
	})
	return out, dbError("units by credit codes", err)
}

// PersonsByIDNumbers returns the stored persons of the ID numbers, by number.
func (t *tx) PersonsByIDNumbers(ctx context.Context, ids []string) (map[string]shebao.Person, error) {
	out := make(map[string]shebao.Person, len(ids))
	err := selectIn(ctx, t, `SELECT `+personColumns+` FROM persons WHERE id_number`, ids, func(s scanner) error {
		p, err := scanPerson(s)
		out[p.IDNumber] = p
		return err
	})
	return out, dbError("persons by ID numbers", err)
}

// CoveragesOfPersons returns the stored coverages of the persons.
func (t *tx) CoveragesOfPersons(ctx context.Context, personIDs []int64) ([]shebao.Coverage, error) {
	var out []shebao.Coverage
	err := selectIn(ctx, t, `SELECT `+coverageColumns+` FROM coverages WHERE person_id`, personIDs, func(s scanner) error {
		c, err := scanCoverage(s)
		out = append(out, c)
		return err
	})
	return out, dbError("coverages of persons", err)
}

// DeclarationsOfPersons returns the persons' stored declarations of a year.
func (t *tx) DeclarationsOfPersons(ctx context.Context, year int, personIDs []int64) ([]shebao.BaseDeclaration, error) {
	var out []shebao.BaseDeclaration
	// +year: by the persons' index, not the year's (every row of the year)
	q := `SELECT ` + declarationColumns + ` FROM base_declarations WHERE +year = ` + strconv.Itoa(year) + ` AND person_id`
	err := selectIn(ctx, t, q, personIDs, func(s scanner) error {
		var d shebao.BaseDeclaration
		var at int64
		err := s.Scan(&d.ID, &d.UnitID, &d.PersonID, &d.Year, &d.FromPeriod, &d.Wage, &d.Base,
			&d.Clamp, &d.Source, &d.ItemID, &at)
		d.DeclaredAt = fromMicros(at)
		out = append(out, d)
		return err
	})
	return out, dbError("declarations of persons", err)
}

// InsertUnits inserts new units (their ids are not set).
func (t *tx) InsertUnits(ctx context.Context, us []shebao.Unit) error {
	rows := make([][]any, len(us))
	for i, u := range us {
		rows[i] = []any{u.CreditCode, u.Name, u.Address, u.Contact, u.Phone, u.Industry, u.RiskClass,
			string(u.Status), micros(u.CreatedAt), u.BankAccount, u.LegalRep}
	}
	return t.insertRows(ctx, "units", []string{"credit_code", "name", "address", "contact", "phone", "industry",
		"risk_class", "status", "created_at", "bank_account", "legal_rep"}, "", rows)
}

// InsertPersons inserts new persons (their ids are not set).
func (t *tx) InsertPersons(ctx context.Context, ps []shebao.Person) error {
	rows := make([][]any, len(ps))
	for i, p := range ps {
		rows[i] = []any{p.IDNumber, p.Name, string(p.Sex), int32(p.BirthDate), string(p.PostCategory), p.Phone, p.Address}
	}
	return t.insertRows(ctx, "persons", []string{"id_number", "name", "sex", "birth_date", "post_category", "phone", "address"}, "", rows)
}

// InsertCoverages inserts new coverages (their ids are not set).
func (t *tx) InsertCoverages(ctx context.Context, cs []shebao.Coverage) error {
	rows := make([][]any, len(cs))
	for i, c := range cs {
		rows[i] = []any{c.PersonID, c.UnitID, string(c.Insurance), string(c.Status), int32(c.FirstPeriod),
			int32(c.LastPeriod), int64(c.Base), c.ItemID}
	}
	return t.insertRows(ctx, "coverages", []string{"person_id", "unit_id", "insurance", "status", "first_period",
		"last_period", "base", "item_id"}, "", rows)
}

// PutDeclarations stores declarations as PutDeclaration does, replacing a
// unit's declaration of the same person and year (their ids are not set).
// No two may share unit, person and year.
func (t *tx) PutDeclarations(ctx context.Context, ds []shebao.BaseDeclaration) error {
	rows := make([][]any, len(ds))
	for i, d := range ds {
		rows[i] = []any{d.UnitID, d.PersonID, d.Year, int32(d.FromPeriod), int64(d.Wage), int64(d.Base), d.Clamp,
			d.Source, d.ItemID, micros(d.DeclaredAt)}
	}
	return t.insertRows(ctx, "base_declarations", []string{"unit_id", "person_id", "year", "from_period", "wage",
		"base", "clamp", "source", "item_id", "declared_at"},
		` ON CONFLICT (unit_id, person_id, year) DO UPDATE SET from_period = excluded.from_period,
			wage = excluded.wage, base = excluded.base, clamp = excluded.clamp,
			source = excluded.source, item_id = excluded.item_id, declared_at = excluded.declared_at`, rows)
}

// RegistrationsBySourceIDs returns the stored registrations of the
// employment service's ids, by id.
func (t *tx) RegistrationsBySourceIDs(ctx context.Context, sourceIDs []string) (map[string]shebao.Registration, error) {
	out := make(map[string]shebao.Registration, len(sourceIDs))
	err := selectIn(ctx, t, `SELECT id, source_id, person_id, unit_id, start_on, registered_on, end_on
		FROM registrations WHERE source_id`, sourceIDs, func(s scanner) error {
		var r shebao.Registration
		err := s.Scan(&r.ID, &r.SourceID, &r.PersonID, &r.UnitID, &r.Start, &r.RegisteredOn, &r.End)
		out[r.SourceID] = r
		return err
	})
	return out, dbError("registrations by source ids", err)
}

// PutRegistrations stores registrations as PutRegistration does (their ids
// are not set). No two may share a source id.
func (t *tx) PutRegistrations(ctx context.Context, rs []shebao.Registration) error {
	rows := make([][]any, len(rs))
	for i, r := range rs {
		if r.SourceID == "" {
			return shebao.Invalid("source_id", shebao.ReasonRequired)
		}
		rows[i] = []any{r.SourceID, r.PersonID, r.UnitID, int32(r.Start), int32(r.RegisteredOn), int32(r.End)}
	}
	return t.insertRows(ctx, "registrations", []string{"source_id", "person_id", "unit_id", "start_on", "registered_on", "end_on"},
		` ON CONFLICT (source_id) DO UPDATE SET person_id = excluded.person_id,
			unit_id = excluded.unit_id, start_on = excluded.start_on,
			registered_on = excluded.registered_on, end_on = excluded.end_on`, rows)
}

// AccountsByUsernames returns the accounts of the usernames, compared
// case-insensitively, by lower-case username.
func (t *tx) AccountsByUsernames(ctx context.Context, usernames []string) (map[string]shebao.Account, error) {
	lower := make([]string, len(usernames))
	for i, u := range usernames {
		lower[i] = strings.ToLower(u)
	}
	out := make(map[string]shebao.Account, len(usernames))
	err := selectIn(ctx, t, `SELECT `+accountColumns+` FROM accounts WHERE lower(username)`, lower, func(s scanner) error {
		a, err := scanAccount(s)
		out[strings.ToLower(a.Username)] = a
		return err
	})
	return out, dbError("accounts by usernames", err)
}

// InsertOperators inserts new unit operator accounts without a password
// (their ids are not set).
func (t *tx) InsertOperators(ctx context.Context, as []shebao.Account) error {
	rows := make([][]any, len(as))
	for i, a := range as {
		rows[i] = []any{a.Username, string(shebao.RoleOperator), a.UnitID, a.DisplayName, a.MustChange, micros(a.CreatedAt)}
	}
	return t.insertRows(ctx, "accounts", []string{"username", "role", "unit_id", "display_name", "must_change", "created_at"}, "", rows)
}
