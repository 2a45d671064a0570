import { Global, Module } from '@nestjs/common';
import { FormFieldResolver, FormFieldsResolver, FormVersionFieldsResolver } from './form-fields.resolver.js';
import { FormsResolver } from './forms.resolver.js';
import { FormsService } from './forms.service.js';

@Global()
@Module({
  providers: [FormsService, FormsResolver, FormFieldsResolver, FormVersionFieldsResolver, FormFieldResolver],
  exports: [FormsService],
})
export class FormsModule {}
