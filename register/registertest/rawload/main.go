// Command rawload is the baseline of the register import's measurements
// (docs/PERFORMANCE.md): it loads the rows of a generated register's CSV
// files into a migrated, empty shebao database with no check at all, in
// one transaction: prepared INSERTs on SQLite, COPY on PostgreSQL.
//
//	go run ./register/registertest/rawload -db sqlite:/tmp/raw.db -dir /tmp/reg
package main

import (
	"context"
	"database/sql"
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite"
)

// table is one destination table: its columns and its rows.
type table struct {
	name string
	cols []string
	rows [][]any
}

func main() {
	db := flag.String("db", "", "sqlite:PATH or postgres://… (migrated, empty)")
	dir := flag.String("dir", "", "the register's folder")
	flag.Parse()
	tables, err := build(*dir, strings.HasPrefix(*db, "postgres"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if strings.HasPrefix(*db, "sqlite:") {
		err = loadSQLite(ctx, strings.TrimPrefix(*db, "sqlite:"), tables)
	} else {
		err = loadPostgres(ctx, *db, tables)
	}
	if err != nil {
		log.Fatal(err)
	}
}

func read(dir, name string) [][]string {
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	return rows[1:]
}

// digits reads the digits of s as a number: 2011-07 is 201107, 8000.00 is 800000.
func digits(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			n = n*10 + int64(c-'0')
		}
	}
	return n
}

// build turns the CSV rows into table rows with ids, as the import would.
func build(dir string, pg bool) ([]table, error) {
	units, persons := map[string]int64{}, map[string]int64{}
	ut := table{name: "units", cols: []string{"id", "credit_code", "name", "risk_class", "bank_account", "contact", "phone", "address", "legal_rep", "status"}}
	for i, r := range read(dir, "units.csv") {
		units[r[0]] = int64(i + 1)
		ut.rows = append(ut.rows, []any{int64(i + 1), r[0], r[1], digits(r[2]), r[4], r[5], r[6], r[7], r[8], r[9]})
	}
	pt := table{name: "persons", cols: []string{"id", "id_number", "name", "sex", "birth_date", "post_category", "phone", "address"}}
	for i, r := range read(dir, "persons.csv") {
		persons[r[0]] = int64(i + 1)
		sex := "M"
		if (r[0][16]-'0')%2 == 0 {
			sex = "F"
		}
		pt.rows = append(pt.rows, []any{int64(i + 1), r[0], r[1], sex, digits(r[0][6:14]), r[2], r[3], r[4]})
	}
	ct := table{name: "coverages", cols: []string{"person_id", "unit_id", "insurance", "status", "first_period", "last_period", "base"}}
	for _, r := range read(dir, "coverages.csv") {
		status := "active"
		if r[4] != "" {
			status = "stopped"
		}
		ct.rows = append(ct.rows, []any{persons[r[0]], units[r[1]], r[2], status, digits(r[3]), digits(r[4]), digits(r[5])})
	}
	bt := table{name: "base_declarations", cols: []string{"unit_id", "person_id", "year", "from_period", "wage", "base", "source"}}
	for _, r := range read(dir, "bases.csv") {
		y := digits(r[2])
		bt.rows = append(bt.rows, []any{units[r[1]], persons[r[0]], y, y*100 + 7, digits(r[3]), digits(r[3]), "import"})
	}
	rt := table{name: "registrations", cols: []string{"source_id", "person_id", "unit_id", "start_on", "registered_on", "end_on"}}
	for _, r := range read(dir, "registrations.csv") {
		rt.rows = append(rt.rows, []any{r[0], persons[r[1]], units[r[3]], digits(r[4]), digits(r[5]), digits(r[6])})
	}
	at := table{name: "accounts", cols: []string{"username", "role", "unit_id", "display_name", "must_change"}}
	for _, r := range read(dir, "operators.csv") {
		var must any = int64(1)
		if pg {
			must = true
		}
		at.rows = append(at.rows, []any{r[1], "operator", units[r[0]], r[2], must})
	}
	return []table{ut, pt, ct, bt, rt, at}, nil
}

func loadSQLite(ctx context.Context, path string, tables []table) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, t := range tables {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.cols)), ", ")
		st, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", t.name, strings.Join(t.cols, ", "), marks))
		if err != nil {
			return err
		}
		for _, r := range t.rows {
			if _, err := st.ExecContext(ctx, r...); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
		st.Close()
	}
	return tx.Commit()
}

func loadPostgres(ctx context.Context, url string, tables []table) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	for _, t := range tables {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(t.rows)); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return tx.Commit(ctx)
}
