/**
 * The embedded database's shared buffers unless configured (`EMBEDDED_SHARED_BUFFERS`). PostgreSQL's default, 128 MB,
 * is touched at start and held by the API process: with it the process idled at 390 MB. 16 MB holds the hot pages of
 * the usual reads; the rest of the data files stay in the operating system's page cache, a system call away.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';
