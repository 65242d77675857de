package main

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
)

// byteSize is a flag value of bytes written like 5MB, 500KiB or 1048576.
type byteSize int64

var sizeUnits = []struct {
	suffix string
	mult   int64
}{
	{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30},
	{"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000},
	{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1},
}

func (b *byteSize) String() string { return strconv.FormatInt(int64(*b), 10) }

func (b *byteSize) Set(s string) error {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, su := range sizeUnits {
		if strings.HasSuffix(u, su.suffix) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, su.suffix)), su.mult
			break
		}
	}
	n, err := strconv.ParseFloat(u, 64)
	if err != nil || n <= 0 {
		return fmt.Errorf("not a positive size: %q (try 5MB or 500KiB)", s)
	}
	*b = byteSize(n * float64(mult))
	return nil
}

// resolveFlag collects --resolve HOST=ADDR:PORT mappings.
type resolveFlag map[string]string

func (r *resolveFlag) String() string {
	var s []string
	for h, a := range *r {
		s = append(s, h+"="+a)
	}
	sort.Strings(s)
	return strings.Join(s, ",")
}

func (r *resolveFlag) Set(v string) error {
	host, addr, ok := strings.Cut(v, "=")
	if !ok || host == "" {
		return fmt.Errorf("want HOST=ADDR:PORT, not %q", v)
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return fmt.Errorf("want HOST=ADDR:PORT, not %q: %v", v, err)
	}
	if *r == nil {
		*r = resolveFlag{}
	}
	(*r)[strings.ToLower(host)] = addr
	return nil
}

// loadCertPool reads PEM certificates to trust beside the system's.
func loadCertPool(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New(path + ": no PEM certificate in it")
	}
	return pool, nil
}
