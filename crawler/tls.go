package crawler

import (
	"crypto/tls"
	"crypto/x509"
)

func newTLSConfig(roots *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}
}
