package divide

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// WriteJSON writes the report as indented JSON: the fields of Report and of
// the types it holds, under their json tags, in declaration order. Numbers
// are rounded to 10 significant digits; a value that does not exist (the
// mean of an empty group, the z of an exact test) is null.
func (r *Report) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	if err := encodeJSON(&b, reflect.ValueOf(r)); err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	_, err := w.Write(out.Bytes())
	return err
}

// encodeJSON writes v compactly. encoding/json cannot write NaN, hence
// this small encoder for the report's plain types.
func encodeJSON(b *bytes.Buffer, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return encodeJSON(b, v.Elem())
	case reflect.Struct:
		b.WriteByte('{')
		first := true
		if err := encodeFields(b, v, &first); err != nil {
			return err
		}
		b.WriteByte('}')
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("[]")
			return nil
		}
		fallthrough
	case reflect.Array:
		b.WriteByte('[')
		for i := range v.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := encodeJSON(b, v.Index(i)); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case reflect.String:
		s, err := json.Marshal(v.String())
		if err != nil {
			return err
		}
		b.Write(s)
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Float64, reflect.Float32:
		s := machine(v.Float())
		if s == "" {
			s = "null"
		}
		b.WriteString(s)
	default:
		return fmt.Errorf("divide: cannot encode %s as JSON", v.Type())
	}
	return nil
}

// encodeFields writes the fields of the struct v, flattening embedded
// structs as encoding/json does; omitempty leaves out a zero value.
func encodeFields(b *bytes.Buffer, v reflect.Value, first *bool) error {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, ok := f.Tag.Lookup("json"); ok {
			tag, opts, _ := strings.Cut(tag, ",")
			if tag == "-" || (opts == "omitempty" && v.Field(i).IsZero()) {
				continue
			}
			if tag != "" {
				name = tag
			}
		} else if f.Anonymous && f.Type.Kind() == reflect.Struct {
			if err := encodeFields(b, v.Field(i), first); err != nil {
				return err
			}
			continue
		}
		if !*first {
			b.WriteByte(',')
		}
		*first = false
		key, _ := json.Marshal(name)
		b.Write(key)
		b.WriteByte(':')
		if err := encodeJSON(b, v.Field(i)); err != nil {
			return err
		}
	}
	return nil
}
