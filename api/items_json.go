package api

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Items, one or a page of them, are written by hand rather than by
// encoding/json's reflection, which took a fifth of the CPU of the items
// list (docs/PERFORMANCE.md, "Item lists (stop 10)"). The bytes are those
// encoding/json writes for the same values with SetEscapeHTML(false)
// (TestItemJSONAsEncodingJSON): field names, order, nulls and escapes.

// jsonAppender is an answer that appends its own JSON to a buffer.
type jsonAppender interface {
	appendJSON(b []byte) []byte
}

// jsonBuffers keeps the buffers answers are written into, as encoding/json
// keeps its own: a page of items is some 15 kB, and growing a new buffer to
// that size for each answer cost as much as writing it.
var jsonBuffers = sync.Pool{New: func() any { return new([]byte) }}

// appendJSONBody appends v's JSON and a newline to b, as json.Encoder
// writes it without HTML escapes: by hand for a jsonAppender, else by
// encoding/json.
func appendJSONBody(b []byte, v any) ([]byte, error) {
	if a, ok := v.(jsonAppender); ok {
		return append(a.appendJSON(b), '\n'), nil
	}
	buf := bytes.NewBuffer(b)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

func (l itemListJSON) appendJSON(b []byte) []byte {
	b = appendArray(append(b, `{"items":`...), l.Items, itemJSON.appendJSON)
	b = append(b, `,"total":`...)
	b = strconv.AppendInt(b, int64(l.Total), 10)
	b = append(b, `,"total_capped":`...)
	b = strconv.AppendBool(b, l.TotalCapped)
	b = append(b, `,"limit":`...)
	b = strconv.AppendInt(b, int64(l.Limit), 10)
	b = append(b, `,"offset":`...)
	b = strconv.AppendInt(b, int64(l.Offset), 10)
	return append(b, '}')
}

func (it itemJSON) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, it.ID, 10)
	b = appendField(b, "receipt", it.Receipt)
	b = appendField(b, "type", it.Type)
	b = append(b, `,"unit_id":`...)
	b = strconv.AppendInt(b, it.UnitID, 10)
	b = appendField(b, "unit_name", it.UnitName)
	b = appendField(b, "person_name", it.PersonName)
	b = appendField(b, "id_number_masked", it.IDNumberMasked)
	b = appendField(b, "channel", it.Channel)
	b = appendField(b, "terminal", it.Terminal)
	b = appendField(b, "period", it.Period)
	b = appendField(b, "status", it.Status)
	b = appendArray(append(b, `,"reasons":`...), it.Reasons, reasonJSON.appendJSON)
	b = append(b, `,"wage_fen":`...)
	b = strconv.AppendInt(b, it.WageFen, 10)
	b = append(b, `,"base_fen":`...)
	b = strconv.AppendInt(b, it.BaseFen, 10)
	b = appendField(b, "stop_reason", it.StopReason)
	b = appendJSONString(append(b, `,"notes":{"legacy_id_number_masked":`...), it.Notes.LegacyIDMasked)
	b = append(b, `,"late_enrollment":`...)
	if l := it.Notes.Late; l == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(append(b, `{"employment_start":`...), l.EmploymentStart)
		b = appendField(b, "deadline", l.Deadline)
		b = append(b, `,"days_late":`...)
		b = strconv.AppendInt(b, int64(l.DaysLate), 10)
		b = append(appendField(b, "message", l.Message), '}')
	}
	b = appendField(append(b, '}'), "created_at", it.CreatedAt)
	b = append(b, `,"decided_at":`...)
	if it.DecidedAt == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONString(b, *it.DecidedAt)
	}
	return append(b, '}')
}

func (r reasonJSON) appendJSON(b []byte) []byte {
	b = appendJSONString(append(b, `{"code":`...), r.Code)
	return append(appendField(b, "message", r.Message), '}')
}

// appendArray appends xs as a JSON array, each element by appendElem, or
// null for a nil slice, as encoding/json does.
func appendArray[T any](b []byte, xs []T, appendElem func(T, []byte) []byte) []byte {
	if xs == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendElem(x, b)
	}
	return append(b, ']')
}

// appendField appends `,"name":` and s as a JSON string.
func appendField(b []byte, name, s string) []byte {
	b = append(append(append(b, `,"`...), name...), `":`...)
	return appendJSONString(b, s)
}

// appendJSONString appends s quoted as encoding/json quotes a string
// without HTML escaping: `"` and `\` escaped, control characters as \b, \f,
// \n, \r, \t or \u00XX, invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(b, s[start:]...), '"')
}
