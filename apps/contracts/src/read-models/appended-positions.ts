import { Injectable } from '@nestjs/common';

/**
 * The highest position this instance has appended: what a reader of the read models waits for,
 * so a client sees its own writes (read-your-writes) without waiting for anybody else's.
 */
@Injectable()
export class AppendedPositions {
  private highest: bigint | undefined;

  record(position: bigint): void {
    if (this.highest === undefined || position > this.highest) this.highest = position;
  }

  get last(): bigint | undefined {
    return this.highest;
  }
}
