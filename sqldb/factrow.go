package sqldb

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// scanFactJSON reads a row of the facts statement on SQLite: one column,
// the JSON array json_array made of the row's values (facts.go).
func scanFactJSON(s scanner) (factRow, error) {
	var text string
	if err := s.Scan(&text); err != nil {
		return factRow{}, err
	}
	return parseFactRow(text)
}

// parseFactRow reads a JSON array of the facts' layout as SQLite's
// json_array writes it (no spaces): the kind and seven integers, then nine
// strings.
func parseFactRow(text string) (factRow, error) {
	var r factRow
	p := factParser{s: text}
	p.expect('[')
	kind := p.int()
	r.kind = int(kind)
	for i := range r.n {
		p.expect(',')
		r.n[i] = p.int()
	}
	for i := range r.s {
		p.expect(',')
		r.s[i] = p.str()
	}
	p.expect(']')
	if p.err == nil && p.i != len(p.s) {
		p.fail("text after the array")
	}
	if p.err != nil {
		return factRow{}, fmt.Errorf("read facts row %.60q: %w", text, p.err)
	}
	return r, nil
}

// factParser reads s from i; the first error stops it.
type factParser struct {
	s   string
	i   int
	err error
}

func (p *factParser) fail(what string) {
	if p.err == nil {
		p.err = fmt.Errorf("at %d: %s", p.i, what)
	}
}

func (p *factParser) expect(c byte) {
	if p.err != nil {
		return
	}
	if p.i >= len(p.s) || p.s[p.i] != c {
		p.fail("want " + string(c))
		return
	}
	p.i++
}

// int reads an integer.
func (p *factParser) int() int64 {
	if p.err != nil {
		return 0
	}
	j := p.i
	for j < len(p.s) && (p.s[j] == '-' || '0' <= p.s[j] && p.s[j] <= '9') {
		j++
	}
	v, err := strconv.ParseInt(p.s[p.i:j], 10, 64)
	if err != nil {
		p.fail("want an integer")
		return 0
	}
	p.i = j
	return v
}

// str reads a string. A string without escapes is a slice of the text.
func (p *factParser) str() string {
	p.expect('"')
	if p.err != nil {
		return ""
	}
	start := p.i
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case '"':
			v := p.s[start:p.i]
			p.i++
			return v
		case '\\':
			return p.escaped(start)
		}
		p.i++
	}
	p.fail("unterminated string")
	return ""
}

// escaped reads the rest of a string from its first backslash at p.i, the
// string having begun at start.
func (p *factParser) escaped(start int) string {
	var b strings.Builder
	b.WriteString(p.s[start:p.i])
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return b.String()
		case c != '\\':
			b.WriteByte(c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.s) {
			break
		}
		e := p.s[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r := p.hex4()
			if utf16.IsSurrogate(r) && strings.HasPrefix(p.s[p.i:], `\u`) {
				p.i += 2
				r = utf16.DecodeRune(r, p.hex4())
			}
			if p.err != nil {
				return ""
			}
			b.WriteRune(r)
		default:
			p.fail("bad escape")
			return ""
		}
	}
	p.fail("unterminated string")
	return ""
}

// hex4 reads the four hex digits of a \u escape.
func (p *factParser) hex4() rune {
	if p.i+4 > len(p.s) {
		p.fail("bad escape")
		return utf8.RuneError
	}
	v, err := strconv.ParseUint(p.s[p.i:p.i+4], 16, 16)
	if err != nil {
		p.fail("bad escape")
		return utf8.RuneError
	}
	p.i += 4
	return rune(v)
}
