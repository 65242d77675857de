package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/councilbench/councilbench"
	"github.com/klauspost/compress/zstd"
	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// ErrNotFound is returned, wrapped, when a survey, site or page does not
// exist. Test for it with errors.Is.
var ErrNotFound = errors.New("not found")

// busyTimeout is how long a connection waits for another one's write lock
// before giving up with SQLITE_BUSY.
const busyTimeout = 30 * time.Second

// timeFormat is how times are stored: RFC 3339 in UTC with milliseconds, a
// fixed width so that the text sorts as the time does, and a form SQLite's
// date functions understand.
const timeFormat = "2006-01-02T15:04:05.000Z07:00"

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the embedded migrations in order. Their names must be
// numbered 0001, 0002, ... without gaps.
func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	sort.Strings(names)
	ms := make([]migration, 0, len(names))
	for i, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: want a name starting %04d_", base, i+1)
		}
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", base, err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// DB is a survey file. Its methods are safe for concurrent use; the crawl's
// writes go through a Writer (see NewWriter).
type DB struct {
	db         *sql.DB
	bodiesRead atomic.Int64 // see BodiesRead
	path       string
}

// Open opens the SQLite file at path, creating it if it does not exist, and
// applies any pending migrations. It refuses a file whose schema version
// (PRAGMA user_version) is newer than this code knows.
func Open(ctx context.Context, path string) (*DB, error) {
	// The file: URI form keeps the query parameters away from the path; the
	// driver applies the parameters to every connection of the pool.
	dsn := "file:" + escapeURIPath(path) +
		"?_journal_mode=WAL&_synchronous=NORMAL&_foreign_keys=on" +
		"&_txlock=immediate&_busy_timeout=" + strconv.FormatInt(busyTimeout.Milliseconds(), 10)
	sqldb, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db := &DB{db: sqldb, path: path}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return db, nil
}

// escapeURIPath escapes the characters that end or alter the path of an
// SQLite file: URI.
func escapeURIPath(p string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
}

// migrate applies the pending migrations in one immediate transaction, so
// that two processes opening a new file at once do not both migrate it.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	var current int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if current > len(ms) {
		return fmt.Errorf("schema version %d is newer than this councilbench (%s) knows (%d): use a newer councilbench",
			current, councilbench.Version, len(ms))
	}
	for _, m := range ms[current:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		// PRAGMA takes no parameters; the version is a trusted integer.
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			return fmt.Errorf("migration %s: set user_version: %w", m.name, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate: commit: %w", err)
	}
	return nil
}

// BodiesRead returns how many page bodies the DB has decompressed since it
// was opened: the costly reads, which the site assessment must never make
// and a rescore makes once per page.
func (db *DB) BodiesRead() int64 { return db.bodiesRead.Load() }

// Close closes the file. Close every Writer first.
func (db *DB) Close() error {
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", db.path, err)
	}
	return nil
}

// formatTime returns t as stored, or nil (NULL) for the zero time.
func formatTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeFormat)
}

// parseTime parses a stored time; NULL gives the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse time %q: %w", s.String, err)
	}
	return t, nil
}

// nullString returns s, or nil (NULL) when s is empty.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// boolInt returns 1 for true and 0 for false.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// marshalStrings encodes a list as a JSON array; nil gives "[]".
func marshalStrings(ss []string) (string, error) {
	if len(ss) == 0 {
		return "[]", nil
	}
	b, err := json.Marshal(ss)
	if err != nil {
		return "", fmt.Errorf("encode list: %w", err)
	}
	return string(b), nil
}

// unmarshalStrings decodes a JSON array; an empty one gives nil.
func unmarshalStrings(s string) ([]string, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var ss []string
	if err := json.Unmarshal([]byte(s), &ss); err != nil {
		return nil, fmt.Errorf("decode list %q: %w", s, err)
	}
	return ss, nil
}

// marshalHeader encodes h as a JSON object of arrays; nil gives "{}".
func marshalHeader(h http.Header) (string, error) {
	if len(h) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(h) // map keys are sorted
	if err != nil {
		return "", fmt.Errorf("encode headers: %w", err)
	}
	return string(b), nil
}

// unmarshalHeader decodes a JSON object of arrays; an empty one gives nil.
func unmarshalHeader(s string) (http.Header, error) {
	if s == "" || s == "{}" {
		return nil, nil
	}
	var h http.Header
	if err := json.Unmarshal([]byte(s), &h); err != nil {
		return nil, fmt.Errorf("decode headers: %w", err)
	}
	return h, nil
}

// The shared zstd encoder and decoder. EncodeAll and DecodeAll are safe for
// concurrent use; each call runs on its caller's goroutine.
var (
	encoder = sync.OnceValue(func() *zstd.Encoder {
		e, err := zstd.NewWriter(nil,
			zstd.WithEncoderLevel(zstd.SpeedFastest),
			zstd.WithEncoderConcurrency(0), // GOMAXPROCS concurrent EncodeAll calls
			zstd.WithZeroFrames(true),      // an empty body is still a valid frame
		)
		if err != nil {
			panic(fmt.Sprintf("store: zstd encoder: %v", err)) // the options are constant
		}
		return e
	})
	decoder = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0))
		if err != nil {
			panic(fmt.Sprintf("store: zstd decoder: %v", err)) // the options are constant
		}
		return d
	})
)

// compress returns body as a zstd frame, or nil for a nil body.
func compress(body []byte) []byte {
	if body == nil {
		return nil
	}
	z := encoder().EncodeAll(body, nil)
	if cap(z) > 2*len(z)+512 {
		// EncodeAll sized the buffer for the input: do not keep that much
		// memory alive while the page waits in the Writer's queue.
		z = append([]byte(nil), z...)
	}
	return z
}

// decompress returns the bytes of a stored zstd frame; NULL gives nil.
// Every page body read from the file comes through here, and is counted.
func (db *DB) decompress(z []byte) ([]byte, error) {
	if z == nil {
		return nil, nil
	}
	db.bodiesRead.Add(1)
	return unzstd(z)
}

// unzstd decodes a stored zstd frame: a page's body (through decompress,
// which counts it) or a stylesheet's.
func unzstd(z []byte) ([]byte, error) {
	b, err := decoder().DecodeAll(z, nil)
	if err != nil {
		return nil, fmt.Errorf("decompress body: %w", err)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}
