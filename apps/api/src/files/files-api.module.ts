import { Module } from '@nestjs/common';
import { IdentityModule } from '#identity';
import { RestAccessGuard } from '../http/rest-access.guard.js';
import { FileByIdLoader } from './file.loaders.js';
import { FileResolver } from './file.resolver.js';
import { FilesController } from './files.controller.js';
import { MultipartUpload } from './multipart-upload.js';

/** Upload and download over REST, the File type over GraphQL, and its DataLoader. */
@Module({
  imports: [IdentityModule],
  controllers: [FilesController],
  providers: [FileByIdLoader, FileResolver, MultipartUpload, RestAccessGuard],
  exports: [FileByIdLoader],
})
export class FilesApiModule {}
