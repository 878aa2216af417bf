package api

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// awkward are strings that encoding/json escapes in every way it can.
var awkward = []string{"", "plain", "张三 示范科技有限公司", `quote " and \ backslash`, "<script>&amp;</script>",
	"ctl \b\f\n\r\t \x00\x01\x1f\x7f", "bad utf-8 \xff\xfe end", "\xe2\x80", "sep \u2028 \u2029", "emoji 😀"}

// encodingJSON is what writeJSON wrote for v before items_json.go.
func encodingJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestItemJSONAsEncodingJSON: an item and a page of items are written byte
// for byte as encoding/json wrote them, whatever their text holds.
func TestItemJSONAsEncodingJSON(t *testing.T) {
	decided := "2026-07-08T10:00:00+08:00"
	var items []itemJSON
	for i, s := range awkward {
		it := itemJSON{ID: int64(i + 1), Receipt: s, Type: "enroll", UnitID: 1 << 40, UnitName: s, PersonName: s,
			IDNumberMasked: s, Channel: "online", Terminal: s, Period: "2026-07", Status: "refused",
			Reasons: []reasonJSON{}, WageFen: -int64(i), BaseFen: 800_000, StopReason: s,
			Notes: notesJSON{LegacyIDMasked: s}, CreatedAt: s}
		if i%2 == 1 {
			it.Reasons = []reasonJSON{{Code: s, Message: s}, {Code: "B", Message: "b"}}
			it.Notes.Late = &lateJSON{EmploymentStart: s, Deadline: s, DaysLate: i, Message: s}
			it.DecidedAt = &decided
		}
		if i == 2 {
			it.Reasons = nil
		}
		items = append(items, it)
		if got, want := string(it.appendJSON(nil))+"\n", encodingJSON(t, it); got != want {
			t.Errorf("item %q:\n got %s\nwant %s", s, got, want)
		}
	}
	for _, l := range []itemListJSON{
		{Items: []itemJSON{}, Limit: 20},
		{Items: items, Total: 201, TotalCapped: true, Limit: 20, Offset: 40},
		{Items: nil},
	} {
		if got, want := string(l.appendJSON(nil))+"\n", encodingJSON(t, l); got != want {
			t.Errorf("list of %d:\n got %s\nwant %s", len(l.Items), got, want)
		}
	}
}

// TestJSONStringAsEncodingJSON: appendJSONString quotes every byte alone,
// every Unicode code point, and random byte strings as encoding/json does.
func TestJSONStringAsEncodingJSON(t *testing.T) {
	var cases []string
	for c := range 256 {
		cases = append(cases, string([]byte{byte(c)}), "a"+string([]byte{byte(c)})+"b")
	}
	var all strings.Builder
	for r := rune(0); r <= utf8.MaxRune; r++ {
		all.WriteRune(r) // surrogates are written as U+FFFD
		if r%4096 == 4095 {
			cases = append(cases, all.String())
			all.Reset()
		}
	}
	rnd := rand.New(rand.NewPCG(11, 14))
	for range 2000 {
		b := make([]byte, rnd.IntN(40))
		for i := range b {
			b[i] = byte(rnd.IntN(256))
		}
		cases = append(cases, string(b))
	}
	for _, s := range append(cases, awkward...) {
		if got, want := string(appendJSONString(nil, s))+"\n", encodingJSON(t, s); got != want {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	}
}

// TestItemJSONCoversEveryField fills every field of an item (and of what
// it holds) with a value that is not its zero value, by reflection, so that
// a field added to itemJSON and not to appendJSON — even one with
// omitempty — fails here instead of being silently left out of the lists.
func TestItemJSONCoversEveryField(t *testing.T) {
	var it itemJSON
	fill(reflect.ValueOf(&it).Elem(), 0)
	if got, want := string(it.appendJSON(nil))+"\n", encodingJSON(t, it); got != want {
		t.Errorf("an item with every field set:\n got %s\nwant %s", got, want)
	}
}

// fill sets v to a value other than its zero value, recursively.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strings.Repeat("x", depth))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(7 + depth))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), depth+1)
		}
	default:
		panic("fill: no value for " + v.Type().String())
	}
}
