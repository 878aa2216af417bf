package sqldb

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// where builds a WHERE clause with $N placeholders from conditions written
// with "?" for each argument.
type where struct {
	conds []string
	args  []any
}

// add appends cond, whose "?"s stand for args in order.
func (w *where) add(cond string, args ...any) {
	var b strings.Builder
	n := 0
	for _, r := range cond {
		if r == '?' && n < len(args) {
			w.args = append(w.args, args[n])
			b.WriteString("$" + strconv.Itoa(len(w.args)))
			n++
			continue
		}
		b.WriteRune(r)
	}
	if n != len(args) {
		panic(fmt.Sprintf("sqldb: condition %q has %d placeholders for %d arguments", cond, n, len(args)))
	}
	w.conds = append(w.conds, b.String())
}

// String returns " WHERE c1 AND c2 …", or "" without conditions.
func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// page returns " LIMIT $n OFFSET $m" and the arguments with limit and offset
// appended; limit ≤ 0 means no limit.
func (w *where) page(limit, offset int) (string, []any) {
	l := int64(limit)
	if limit <= 0 {
		l = math.MaxInt64
	}
	if offset < 0 {
		offset = 0
	}
	n := len(w.args)
	args := append(append([]any(nil), w.args...), l, int64(offset))
	return fmt.Sprintf(" LIMIT $%d OFFSET $%d", n+1, n+2), args
}

// containsPattern returns a LIKE pattern (for ESCAPE '\') that matches any
// text containing s literally.
func containsPattern(s string) string {
	return "%" + escapeLike(s) + "%"
}

// escapeLike escapes LIKE's wildcards and the escape character itself.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// likeEscape is the ESCAPE clause matching escapeLike; it reads the same in
// SQLite and in PostgreSQL with standard_conforming_strings (the default).
const likeEscape = ` ESCAPE '\'`

// encodeList returns s as JSON text; nil and empty are "[]".
func encodeList(s []string) string {
	if len(s) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(s) // a []string always marshals
	return string(b)
}

// decodeList reads JSON text written by encodeList; "[]" is nil.
func decodeList(text string) ([]string, error) {
	if text == "" || text == "[]" {
		return nil, nil
	}
	if s, ok := plainList(text); ok {
		return s, nil
	}
	var s []string
	if err := json.Unmarshal([]byte(text), &s); err != nil {
		return nil, fmt.Errorf("decode list %q: %w", text, err)
	}
	if len(s) == 0 {
		return nil, nil
	}
	return s, nil
}

// plainList splits a list as encodeList writes one whose strings need no
// unescaping (`["A","B"]`: no backslash, no quote or control character in
// a string, valid UTF-8), as encoding/json would read it, without its
// reflection: a page of items decodes two lists a row, and json.Unmarshal
// took a twentieth of the list's CPU. Anything else is not ok, for
// json.Unmarshal to read (TestDecodeListAsJSON).
func plainList(text string) ([]string, bool) {
	if len(text) < 4 || text[:2] != `["` || text[len(text)-2:] != `"]` ||
		strings.IndexByte(text, '\\') >= 0 || !utf8.ValidString(text) {
		return nil, false
	}
	inner := text[2 : len(text)-2]
	out := make([]string, 0, strings.Count(inner, `","`)+1)
	for s := range strings.SplitSeq(inner, `","`) {
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] == '"' {
				return nil, false
			}
		}
		out = append(out, s)
	}
	return out, true
}

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// each passes every row, scanned, to fn as the cursor reads it, and
// closes rows; an error of fn stops it and is returned as it is.
func each[T any](rows *sql.Rows, scan func(scanner) (T, error), fn func(T) error) error {
	defer rows.Close()
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return err
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	return rows.Err()
}

// affectedOne checks that an UPDATE by id changed a row: ENOTFOUND when not.
func affectedOne(res sql.Result, err error, op string) error {
	if err != nil {
		return dbError(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return dbError(op, err)
	}
	if n == 0 {
		return notFound(op)
	}
	return nil
}
