import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { FileOrphanSweep } from './file-orphan-sweep.js';
import { FileStore } from './file-store.js';
import { FileService } from './file.service.js';
import { LocalFileStore } from './local-file-store.js';
import { S3FileStore } from './s3-file-store.js';

/** The store FILE_STORAGE selects. */
export function createFileStore(config: AppConfig): FileStore {
  const files = config.files;
  return files.s3 ? new S3FileStore(files.s3) : new LocalFileStore(files.localDir);
}

/** Files: the store, the service, and the orphan sweep (StoredFile is one of CORE_ENTITIES). */
@Module({
  providers: [
    { provide: FileStore, inject: [AppConfig], useFactory: createFileStore },
    FileService,
    FileOrphanSweep,
  ],
  exports: [FileStore, FileService],
})
export class FileModule {}
