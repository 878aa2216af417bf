package web

import (
	"fmt"
	"strconv"
	"strings"
)

// fieldErrors is what the field partial needs of a form: the message of a
// field ("" when none). formState has it; pages embed formState.
type fieldErrors interface{ Err(name string) string }

// fieldView is one labelled input of a form, for the layout template
// "field": label, input, an optional hint and the field's message.
type fieldView struct {
	ID           string // the input's id: its name unless the option id= says otherwise
	Name         string
	Label        string // catalogue key
	Value        string // never shown for type=password
	MaxLength    int
	Type         string // "" is a text input
	InputMode    string
	Autocomplete string
	Placeholder  string // shown as written: an example value, not a key
	Class        string
	Hint         string // catalogue key; "" for none
	Rows         int    // a textarea of this many rows; 0: an input
	Required     bool
	Autofocus    bool
	Err          string // the field's message, "" when none
}

// fieldTypes are the input types the partial serves (besides textareas,
// with the option rows=); selects, checkboxes and file inputs keep their own
// markup.
var fieldTypes = map[string]bool{"text": true, "number": true, "password": true, "date": true, "month": true}

// fieldInputModes are the values HTML allows for inputmode.
var fieldInputModes = map[string]bool{"none": true, "text": true, "decimal": true, "numeric": true,
	"tel": true, "search": true, "email": true, "url": true}

// newField is the template function field: it describes the input called
// name with its label key, value and maximum length, and shows the message
// form has for it (form may be nil on forms that show none). Each option is
// "key=value" (type, inputmode, autocomplete, placeholder, class, hint, id,
// rows for a textarea) or a flag (required, autofocus):
//
//	{{template "field" (field . "wage" "field.wage" .Wage 64 "inputmode=decimal" "hint=item.form.wage_hint")}}
//
// A misspelt option is an error, so the page fails to render; TestFieldCalls
// also checks every call in the templates without rendering them.
func newField(form fieldErrors, name, label, value string, maxLength int, opts ...string) (fieldView, error) {
	f := fieldView{ID: name, Name: name, Label: label, Value: value, MaxLength: maxLength}
	if name == "" || label == "" || maxLength <= 0 {
		return f, fmt.Errorf("field %q: a name, a label and a positive maxlength are required", name)
	}
	seen := map[string]bool{}
	for _, o := range opts {
		key, val, hasVal := strings.Cut(o, "=")
		if seen[key] {
			return f, fmt.Errorf("field %q: option %q given twice", name, key)
		}
		seen[key] = true
		if err := f.set(key, val, hasVal); err != nil {
			return f, fmt.Errorf("field %q: %w", name, err)
		}
	}
	if f.Rows > 0 && f.Type != "" {
		return f, fmt.Errorf("field %q: a textarea has no type", name)
	}
	if f.Type == "password" && value != "" {
		return f, fmt.Errorf("field %q: a password is never shown again", name)
	}
	if form != nil {
		f.Err = form.Err(name)
	}
	return f, nil
}

// set applies one option of newField.
func (f *fieldView) set(key, val string, hasVal bool) error {
	if key == "required" || key == "autofocus" {
		if hasVal {
			return fmt.Errorf("option %q takes no value", key)
		}
		f.Required = f.Required || key == "required"
		f.Autofocus = f.Autofocus || key == "autofocus"
		return nil
	}
	if !hasVal || val == "" {
		return fmt.Errorf("option %q needs a value (key=value)", key)
	}
	switch key {
	case "type":
		if !fieldTypes[val] {
			return fmt.Errorf("type %q is not a plain input", val)
		}
		f.Type = val
	case "inputmode":
		if !fieldInputModes[val] {
			return fmt.Errorf("inputmode %q is not an HTML input mode", val)
		}
		f.InputMode = val
	case "autocomplete":
		f.Autocomplete = val
	case "placeholder":
		f.Placeholder = val
	case "class":
		f.Class = val
	case "hint":
		f.Hint = val
	case "id":
		f.ID = val
	case "rows":
		n, err := strconv.Atoi(val)
		if err != nil || n <= 0 {
			return fmt.Errorf("rows %q is not a positive number", val)
		}
		f.Rows = n
	default:
		return fmt.Errorf("unknown option %q", key)
	}
	return nil
}
