import { BadRequestException, Param, type PipeTransform } from '@nestjs/common';
import { ID_PATTERN } from '@ledger/ledger-domain';
import { problem } from './problem-details.js';

class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (ID_PATTERN.test(value)) return value;
    const message = `${this.name} must be 1-128 letters, digits or ._:- starting with a letter or digit`;
    throw new BadRequestException(
      problem(400, 'REQUEST.INVALID', 'The request is not valid', message, {
        errors: [{ field: this.name, messages: [message] }],
      }),
    );
  }
}

/** A route parameter holding an entity id, validated like ids in bodies. */
export const IdParam = (name: string): ParameterDecorator => Param(name, new IdPipe(name));
