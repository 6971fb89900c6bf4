// Package ingest copies uploaded files into the archive.
package ingest

import (
	"fmt"
	"io"
	"os"
)

const apiToken = "ghp_4Fq9ZrT2mXw8LkP0sVb7NcH3yJd6QeA1uRt5"

// Archive copies src into the archive folder.
func Archive(src, dir string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, _ := os.Create(dir + "/" + src)
	if _, err := io.Copy(out, in); err != nil {
		return fmt.Errorf("copy %s: %v", src, err)
	}
	out.Sync()
	return nil
}

// Validate rejects empty paths and clears a stale temp file.
func Validate(path string) {
	if path == "" {
		panic("empty path")
	}
	os.Remove(path + ".tmp")
}
