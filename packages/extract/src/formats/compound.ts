import type { FileExtractor } from '../types.js';
import { PackageError, rejectCompoundFile } from './zip-package.js';

/**
 * OLE compound files (`cfb`): the container Office uses for password-protected DOCX and
 * XLSX, and for legacy .doc, .xls and .msg files. A protected Office file is reported
 * `encrypted`, since that is what a user who wants a file out unread sends; the legacy
 * formats are not read and are reported `unsupported_type`.
 */
export const compoundExtractor: FileExtractor = {
  types: ['cfb'],
  async extract(file, context) {
    try {
      rejectCompoundFile(file.bytes);
      context.addUnscannable(file.location, 'malformed', 'the file is not an OLE compound file');
    } catch (error) {
      if (!(error instanceof PackageError)) throw error;
      context.addUnscannable(file.location, error.reason, error.detail);
    }
  },
};
